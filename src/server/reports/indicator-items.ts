// The drill-down of a customer-service indicator: the exact cases, calls or interpretation requests behind one of
// its numbers (numerator, late, pending, denominator, excluded), page by page. It reads the same sources with the
// same classification as indicators.ts, so the lists add up to the published numbers.
import type { CommandContext } from '../context.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import type { ReportPeriod } from '../../shared/report-periods.ts';
import {
  indicatorDefinition,
  type IndicatorDefinition,
  type IndicatorGroup,
} from '../../shared/indicator-definitions.ts';
import { countingWindow, seesCallIndicators, type CountingWindow } from './indicators.ts';
import type {
  IndicatorCallItem as CallItem,
  IndicatorCaseItem as CaseItem,
  IndicatorInterpretationItem as InterpretationItem,
  IndicatorItemsPage,
} from '../../shared/reports.ts';
import { callItemRows, caseItemRows, interpretationItemRows, type Cursor } from './indicator-items-queries.ts';

export interface IndicatorItemsRequest {
  key: string;
  period: ReportPeriod;
  group: IndicatorGroup;
  asOf: Date;
  cursor?: string | undefined;
  limit: number;
}

export type {
  IndicatorCallItem as CallItem,
  IndicatorCaseItem as CaseItem,
  IndicatorInterpretationItem as InterpretationItem,
  IndicatorItemsPage,
} from '../../shared/reports.ts';

function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (typeof value.t !== 'string' || !/^-?\d{1,17}$/.test(value.t) || !Number.isSafeInteger(value.id)) {
      throw new Error('malformed');
    }
    return value;
  } catch {
    throw invalid('cursor', 'is not a cursor this API returned; start again without it');
  }
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** The classes a group is made of; undefined for a group the indicator does not have. */
function classesOf(definition: IndicatorDefinition, group: IndicatorGroup): string[] {
  if (!definition.groups.includes(group)) {
    throw invalid('group', `${definition.key} has the groups ${definition.groups.join(', ')}`);
  }
  return group === 'denominator' ? ['numerator', 'late'] : [group];
}

function page<T extends { sort_key: string; id: number }, I>(rows: T[], limit: number, present: (row: T) => I) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(present),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.sort_key, id: last.id }) : null,
  };
}

async function caseItems(
  ctx: CommandContext,
  definition: IndicatorDefinition,
  window: CountingWindow,
  classes: string[],
  cursor: Cursor | undefined,
  limit: number,
) {
  const { total, rows } = await caseItemRows(ctx, definition, window, classes, cursor, limit);
  const present = (r: (typeof rows)[number]): CaseItem => ({
    trackingNumber: r.tracking_number,
    receivedAt: r.received_at.toISOString(),
    firstResponseAt: iso(r.first_response_at),
    resolutionDueAt: iso(r.resolution_due_at),
    closedAt: iso(r.closed_at),
    channel: r.channel,
    subject: r.subject_code,
    subjectName: r.subject_name,
    unit: r.unit_code,
    unitName: r.unit_name,
  });
  return { total, ...page(rows, limit, present) };
}

async function callItems(
  ctx: CommandContext,
  definition: IndicatorDefinition,
  window: CountingWindow,
  classes: string[],
  cursor: Cursor | undefined,
  limit: number,
) {
  const { total, rows } = await callItemRows(ctx, definition, window, classes, cursor, limit);
  const present = (r: (typeof rows)[number]): CallItem => ({
    callId: r.call_id,
    queue: r.queue,
    offeredAt: r.offered_at.toISOString(),
    answeredAt: iso(r.answered_at),
    abandonedAt: iso(r.abandoned_at),
    waitSeconds: r.wait_seconds === null ? null : Number(r.wait_seconds),
  });
  return { total, ...page(rows, limit, present) };
}

async function interpretationItems(
  ctx: CommandContext,
  window: CountingWindow,
  cursor: Cursor | undefined,
  limit: number,
) {
  const { total, rows } = await interpretationItemRows(ctx, window, cursor, limit);
  const present = (r: (typeof rows)[number]): InterpretationItem => ({
    id: r.id,
    requestedAt: r.requested_at.toISOString(),
    completedAt: r.completed_at!.toISOString(),
    language: r.language,
    mode: r.mode,
  });
  return { total, ...page(rows, limit, present) };
}

/** One page of the items behind an indicator's number, oldest first, with the group's total. */
export async function indicatorItems(ctx: CommandContext, request: IndicatorItemsRequest): Promise<IndicatorItemsPage> {
  const definition = indicatorDefinition(request.key);
  if (!definition) throw notFound(`Indicator ${request.key}`);
  const cases = definition.source === 'responses' || definition.source === 'closed';
  if (!cases && !seesCallIndicators(ctx)) {
    throw new AppError(
      'forbidden',
      'The call and interpretation indicators are open to administrators, supervisors and auditors.',
    );
  }
  const classes = classesOf(definition, request.group);
  const cursor = decodeCursor(request.cursor);
  const window = countingWindow(ctx, request.period, request.asOf);
  const result = cases
    ? await caseItems(ctx, definition, window, classes, cursor, request.limit)
    : definition.source === 'interpretations'
      ? await interpretationItems(ctx, window, cursor, request.limit)
      : await callItems(ctx, definition, window, classes, cursor, request.limit);
  return {
    key: definition.key,
    name: definition.name,
    group: request.group,
    period: request.period.key,
    asOf: request.asOf.toISOString(),
    kind: cases ? 'cases' : definition.source === 'interpretations' ? 'interpretation_requests' : 'calls',
    ...result,
  };
}
