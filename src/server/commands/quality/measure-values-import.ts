// Imports measure values from CSV (header: measure,period,numerator,denominator[,source][,reliable][,note]): every
// row is checked first and any problem is reported by row and column with nothing written; a clean file is written
// in one transaction with one audit event per value, like values entered one at a time.
import type { CommandContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { readCsvRecords, CsvFileError } from '../../channels/imports/csv-reader.ts';
import { listMeasures, type MeasureRecord } from '../../repositories/quality-measures.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { FieldProblems } from '../common.ts';
import { checkValue, writeValue, type CheckedValue } from './measure-value-enter.ts';

const REQUIRED = ['measure', 'period', 'numerator', 'denominator'] as const;
const OPTIONAL = ['source', 'reliable', 'note'] as const;
export const MAX_IMPORT_ROWS = 5000;
const MAX_REPORTED = 100;

function numberCell(text: string): number | undefined {
  const cleaned = text.trim().replace(/[$,\s]/g, '');
  if (cleaned === '') return undefined;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : Number.NaN;
}

function booleanCell(text: string): boolean | undefined | null {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  if (['yes', 'true', 'y', '1'].includes(t)) return true;
  if (['no', 'false', 'n', '0'].includes(t)) return false;
  return null;
}

/** Reads and checks the CSV; writes every value or none. */
export async function importMeasureValues(
  ctx: CommandContext,
  csv: string,
): Promise<{ imported: number; replaced: number }> {
  requireQualityManager(ctx, 'import measure values');
  const measures = new Map((await listMeasures(ctx.db, ctx.agency.id)).map((m) => [m.key, m]));
  const problems = new FieldProblems();
  const rows: { measure: MeasureRecord; checked: CheckedValue; line: number }[] = [];
  let header: string[] | undefined;
  const seen = new Map<string, number>();
  try {
    for await (const batch of readCsvRecords([csv])) {
      for (const record of batch) {
        if (record.error !== undefined) {
          problems.add(`row ${record.line}`, record.error);
          continue;
        }
        if (!header) {
          header = record.fields.map((f) => f.trim().toLowerCase());
          for (const column of REQUIRED) {
            if (!header.includes(column)) problems.add(`column ${column}`, 'is missing from the header row');
          }
          const unknown = header.filter(
            (h) => !(REQUIRED as readonly string[]).includes(h) && !(OPTIONAL as readonly string[]).includes(h),
          );
          if (unknown.length)
            problems.add(
              'header',
              `unknown column ${unknown.join(', ')}; use ${[...REQUIRED, ...OPTIONAL].join(', ')}`,
            );
          if (problems.count() > 0) problems.throwIfAny();
          continue;
        }
        if (rows.length + problems.count() >= MAX_IMPORT_ROWS) {
          problems.add('csv', `has more than ${MAX_IMPORT_ROWS} rows; split the file`);
          break;
        }
        const cell = (column: string) => record.fields[header!.indexOf(column)] ?? '';
        const prefix = `row ${record.line}: `;
        const key = cell('measure').trim();
        const measure = measures.get(key);
        if (!measure) {
          problems.add(`${prefix}measure`, key === '' ? 'is required' : `no entered measure has key ${key}`);
          continue;
        }
        const reliable = header.includes('reliable') ? booleanCell(cell('reliable')) : undefined;
        if (reliable === null) problems.add(`${prefix}reliable`, 'must be yes or no');
        const numerator = numberCell(cell('numerator'));
        const denominator = numberCell(cell('denominator'));
        const checked = checkValue(
          problems,
          measure,
          {
            period: cell('period'),
            ...(numerator !== undefined ? { numerator } : {}),
            ...(denominator !== undefined ? { denominator } : {}),
            source: header.includes('source') ? cell('source') : 'CSV import',
            ...(reliable !== undefined && reliable !== null ? { reliable } : {}),
            reliabilityNote: header.includes('note') ? cell('note') : '',
          },
          prefix,
        );
        if (!checked) continue;
        const id = `${key}|${checked.period.key}`;
        const earlier = seen.get(id);
        if (earlier !== undefined) {
          problems.add(`${prefix}period`, `${checked.period.key} of ${key} is already on row ${earlier}`);
          continue;
        }
        seen.set(id, record.line);
        rows.push({ measure, checked, line: record.line });
      }
      if (problems.count() >= MAX_REPORTED) break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof CsvFileError) problems.add(`row ${error.line}`, error.message);
    else throw error;
  }
  if (!header) problems.add('csv', `is empty; the first row names the columns ${REQUIRED.join(',')}`);
  else if (rows.length === 0 && problems.count() === 0) problems.add('csv', 'has no rows under the header');
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    let replaced = 0;
    for (const row of rows) {
      if ((await writeValue(tx, ctx, row.measure, row.checked, 'import')).replaced) replaced++;
    }
    return { imported: rows.length, replaced };
  });
}
