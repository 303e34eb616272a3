// A supervisor's own measure: name, numerator and denominator labels, unit, direction and period kind. One
// transaction, one audit event.
import type { CommandContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findMeasure, findMeasureById, insertMeasure } from '../../repositories/quality-measures.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { measureCatalogue, presentMeasure } from '../../queries/quality-measures.ts';
import {
  MEASURE_KEY_PATTERN,
  MEASURE_PERIOD_KINDS,
  MEASURE_UNITS,
  type MeasureDirection,
  type MeasurePeriodKind,
  type MeasureUnit,
} from '../../../domain/measures.ts';
import type { CreateMeasureInput, Measure } from '../../../shared/quality.ts';
import { FieldProblems } from '../common.ts';

function text(problems: FieldProblems, field: string, value: string | undefined, max: number, required = true) {
  const trimmed = (value ?? '').trim();
  if (required && trimmed === '') problems.add(field, 'must not be blank');
  if (trimmed.length > max) problems.add(field, `is at most ${max} characters`);
  return trimmed;
}

/** Adds a measure of the agency's own (source "manual"); supervisors and administrators. */
export async function createMeasure(ctx: CommandContext, input: CreateMeasureInput): Promise<Measure> {
  requireQualityManager(ctx, 'define measures');
  const problems = new FieldProblems();
  const key = input.key.trim();
  if (!MEASURE_KEY_PATTERN.test(key)) {
    problems.add('key', 'uses lower-case letters, digits and _, starts with a letter, 2 to 60 characters');
  }
  const name = text(problems, 'name', input.name, 200);
  if (!(MEASURE_PERIOD_KINDS as readonly string[]).includes(input.periodKind)) {
    problems.add('periodKind', `must be one of ${MEASURE_PERIOD_KINDS.join(', ')}`);
  }
  if (!(MEASURE_UNITS as readonly string[]).includes(input.unit)) {
    problems.add('unit', `must be one of ${MEASURE_UNITS.join(', ')}`);
  }
  if (input.direction !== 'higher' && input.direction !== 'lower') problems.add('direction', 'must be higher or lower');
  const numeratorLabel = text(problems, 'numeratorLabel', input.numeratorLabel, 200);
  const denominatorLabel = text(problems, 'denominatorLabel', input.denominatorLabel, 200);
  const description = text(problems, 'description', input.description, 2000, false);
  problems.throwIfAny();
  if ((await measureCatalogue(ctx)).some((m) => m.key === key)) {
    throw new AppError('conflict', `key: a measure with key ${key} already exists.`, [
      { field: 'key', message: 'is already used by another measure' },
    ]);
  }
  return ctx.db.transaction().execute(async (tx) => {
    if (await findMeasure(tx, ctx.agency.id, key)) {
      throw new AppError('conflict', `key: a measure with key ${key} already exists.`, [
        { field: 'key', message: 'is already used by another measure' },
      ]);
    }
    const values = {
      key,
      name,
      description,
      source: 'manual' as const,
      periodKind: input.periodKind as MeasurePeriodKind,
      unit: input.unit as MeasureUnit,
      direction: input.direction as MeasureDirection,
      numeratorLabel,
      denominatorLabel,
      reportLines: '',
      thresholdProfile: 'none',
    };
    const id = await insertMeasure(tx, ctx.agency.id, ctx.actor.userId || null, values);
    await recordAudit(tx, ctx, { action: 'measure.created', entityType: 'measure', entityId: key, after: values });
    return presentMeasure((await findMeasureById(tx, ctx.agency.id, id))!);
  });
}
