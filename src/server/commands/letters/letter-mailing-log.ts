// The mailing log: which letter went out on which date, for the cases the caller may see; as JSON or as CSV for a
// spreadsheet (cells that a spreadsheet would run as a formula are neutralised).
import { stringify } from 'csv-stringify/sync';
import type { CommandContext } from '../../context.ts';
import { invalid } from '../../errors.ts';
import { mailingLog, type MailingLogRow } from '../../repositories/letters.ts';
import { neutralizeCell } from '../../../domain/csv-safety.ts';
import { requireRole } from '../common.ts';
import { isCalendarDate } from '../../../shared/local-time.ts';

export const MAILING_LOG_LIMIT = 50_000;

/** Mailed letters between `from` and `to` (YYYY-MM-DD, both optional and inclusive). */
export async function readMailingLog(
  ctx: CommandContext,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<MailingLogRow[]> {
  requireRole(ctx, ['administrator', 'supervisor', 'caseworker', 'auditor'], 'read the mailing log');
  for (const field of ['from', 'to'] as const) {
    const value = range[field];
    if (value !== undefined && !isCalendarDate(value)) throw invalid(field, 'must be a date written YYYY-MM-DD');
  }
  return mailingLog(ctx.db, ctx, { ...range, limit: MAILING_LOG_LIMIT });
}

const COLUMNS: (keyof MailingLogRow)[] = [
  'mailedOn',
  'trackingNumber',
  'entryId',
  'batchId',
  'recipient',
  'language',
  'subject',
  'recordedBy',
];

/** The mailing log as CSV with a header row; no cell can start a spreadsheet formula. */
export function mailingLogCsv(rows: MailingLogRow[]): string {
  const cell = (value: unknown) => neutralizeCell(value === null || value === undefined ? '' : String(value));
  return stringify([COLUMNS, ...rows.map((row) => COLUMNS.map((c) => cell(row[c])))]);
}
