// Enters one period's value of a measure (numerator and denominator; value = numerator ÷ denominator) with where it
// came from and whether the data passed the reliability standard. Entering a period again replaces its value; the
// audit event keeps the old numbers. One transaction, one audit event.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  findGoal,
  findMeasure,
  findValueForUpdate,
  listValues,
  upsertValue,
  type MeasureRecord,
  type MeasureValueRecord,
} from '../../repositories/quality-measures.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import {
  measureValue,
  parsePeriodOfKind,
  previousMeasurePeriod,
  type MeasurePeriod,
} from '../../../domain/measures.ts';
import { measureCatalogue, presentValue } from '../../queries/quality-measures.ts';
import type { EnterValueInput, MeasureValue } from '../../../shared/quality.ts';
import { FieldProblems } from '../common.ts';
import type { Db } from '../../db/database.ts';

export interface CheckedValue {
  period: MeasurePeriod;
  numerator: number;
  denominator: number;
  value: number;
  source: string;
  reliable: boolean;
  reliabilityNote: string;
}

/** Checks a value's fields against its measure; every problem is recorded under its field name (with a prefix). */
export function checkValue(
  problems: FieldProblems,
  measure: MeasureRecord,
  input: Partial<EnterValueInput>,
  prefix = '',
): CheckedValue | undefined {
  const before = problems.count();
  let period: MeasurePeriod | undefined;
  if (typeof input.period !== 'string' || input.period.trim() === '') {
    problems.add(`${prefix}period`, 'is required');
  } else {
    try {
      period = parsePeriodOfKind(input.period, measure.periodKind);
    } catch (error) {
      problems.add(`${prefix}period`, (error as Error).message);
    }
  }
  let value = 0;
  const { numerator, denominator } = input;
  if (typeof numerator !== 'number') problems.add(`${prefix}numerator`, 'must be a number');
  if (typeof denominator !== 'number') problems.add(`${prefix}denominator`, 'must be a number');
  if (typeof numerator === 'number' && typeof denominator === 'number') {
    try {
      value = measureValue(numerator, denominator);
    } catch (error) {
      const [field, ...rest] = (error as Error).message.split(': ');
      problems.add(`${prefix}${field}`, rest.join(': '));
    }
  }
  const source = (input.source ?? '').trim();
  if (source.length > 200) problems.add(`${prefix}source`, 'is at most 200 characters');
  const reliabilityNote = (input.reliabilityNote ?? '').trim();
  if (reliabilityNote.length > 2000) problems.add(`${prefix}reliabilityNote`, 'is at most 2000 characters');
  if (problems.count() > before || !period) return undefined;
  return {
    period,
    numerator: numerator!,
    denominator: denominator!,
    value,
    source,
    reliable: input.reliable ?? true,
    reliabilityNote,
  };
}

/** The measure a value is entered for; 404 when unknown, 400 when its values are computed by civicdesk. */
export async function enteredMeasure(db: Db, ctx: CommandContext, key: string): Promise<MeasureRecord> {
  const measure = await findMeasure(db, ctx.agency.id, key);
  if (measure) return measure;
  const computed = (await measureCatalogue(ctx)).find((m) => m.key === key);
  if (computed) {
    throw new AppError(
      'validation_failed',
      `key: ${computed.name} is computed from civicdesk's cases; it is not entered.`,
      [{ field: 'key', message: 'is computed from cases, not entered' }],
    );
  }
  throw notFound(`Measure ${key}`);
}

/** Writes a checked value inside the caller's transaction and audits it (old numbers kept in the audit event). */
export async function writeValue(
  tx: Db,
  ctx: CommandContext,
  measure: MeasureRecord,
  checked: CheckedValue,
  via: 'console' | 'api' | 'import',
): Promise<{ record: MeasureValueRecord; replaced: boolean }> {
  const previous = await findValueForUpdate(tx, ctx.agency.id, measure.id, checked.period.key);
  const record = await upsertValue(tx, ctx.agency.id, {
    measureId: measure.id,
    periodKey: checked.period.key,
    periodFrom: checked.period.from,
    periodTo: checked.period.to,
    numerator: checked.numerator,
    denominator: checked.denominator,
    value: checked.value,
    source: checked.source,
    enteredVia: via,
    reliable: checked.reliable,
    reliabilityNote: checked.reliabilityNote,
    enteredBy: ctx.actor.userId || null,
    enteredByName: ctx.actor.name,
  });
  const audited = (v: MeasureValueRecord) => ({
    numerator: v.numerator,
    denominator: v.denominator,
    value: v.value,
    source: v.source,
    reliable: v.reliable,
    reliability_note: v.reliabilityNote,
    entered_by_name: v.enteredByName,
  });
  await recordAudit(tx, ctx, {
    action: previous ? 'measure_value.replaced' : 'measure_value.entered',
    entityType: 'measure_value',
    entityId: `${measure.key}/${checked.period.key}`,
    before: previous ? audited(previous) : null,
    after: audited(record),
  });
  return { record, replaced: previous !== undefined };
}

/** Enters (or replaces) one period's value of a measure; supervisors and administrators. */
export async function enterMeasureValue(
  ctx: CommandContext,
  key: string,
  input: EnterValueInput,
): Promise<MeasureValue> {
  requireQualityManager(ctx, 'enter measure values');
  const measure = await enteredMeasure(ctx.db, ctx, key);
  const problems = new FieldProblems();
  const checked = checkValue(problems, measure, input);
  problems.throwIfAny();
  const via = ctx.actor.via === 'token' ? 'api' : 'console';
  const record = await ctx.db
    .transaction()
    .execute(async (tx) => (await writeValue(tx, ctx, measure, checked!, via)).record);
  const previousKey = previousMeasurePeriod(checked!.period).key;
  const previous = (await listValues(ctx.db, ctx.agency.id, [measure.id])).find((v) => v.periodKey === previousKey);
  const goal = await findGoal(ctx.db, ctx.agency.id, measure.id, checked!.period.goalYear);
  return presentValue(measure, record, goal, previous?.value ?? null);
}
