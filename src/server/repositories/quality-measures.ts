// SQL for the measures catalogue, the values entered per period and the annual goals (migration 0025), and the
// seeding of the federal and California catalogue into an agency (seedQualityCatalogue).
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Selectable } from 'kysely';
import type { QualityMeasuresTable } from '../db/schema.ts';
import { STARTER_MEASURES, type MeasureDefinition } from '../../domain/measures.ts';

export interface MeasureRecord {
  id: number;
  key: string;
  name: string;
  description: string;
  source: QualityMeasuresTable['source'];
  periodKind: QualityMeasuresTable['period_kind'];
  unit: QualityMeasuresTable['unit'];
  direction: QualityMeasuresTable['direction'];
  numeratorLabel: string;
  denominatorLabel: string;
  reportLines: string;
  thresholdProfile: string;
}

export interface MeasureValueRecord {
  id: number;
  measureId: number;
  periodKey: string;
  periodFrom: string;
  periodTo: string;
  numerator: number;
  denominator: number;
  value: number;
  source: string;
  enteredVia: 'console' | 'api' | 'import';
  reliable: boolean;
  reliabilityNote: string;
  enteredBy: number | null;
  enteredByName: string;
  enteredAt: Date;
  version: number;
}

/**
 * Adds the federal and California measures to an agency's catalogue; measures already there (by key) are left as
 * they are, so it is safe to run at every start.
 */
export async function seedQualityCatalogue(
  db: Db,
  agencyId: number,
  definitions: readonly MeasureDefinition[] = STARTER_MEASURES,
): Promise<void> {
  const rows = definitions
    .filter((d) => d.source !== 'civicdesk')
    .map((d) => ({
      agency_id: agencyId,
      key: d.key,
      name: d.name,
      description: d.description,
      source: d.source as 'federal' | 'california' | 'manual',
      period_kind: d.periodKind,
      unit: d.unit,
      direction: d.direction,
      numerator_label: d.numeratorLabel,
      denominator_label: d.denominatorLabel,
      report_lines: d.reportLines,
      threshold_profile: d.thresholdProfile,
    }));
  if (rows.length === 0) return;
  await db
    .insertInto('quality_measures')
    .values(rows)
    .onConflict((oc) => oc.columns(['agency_id', 'key']).doNothing())
    .execute();
}

const measureColumns = [
  'id',
  'key',
  'name',
  'description',
  'source',
  'period_kind',
  'unit',
  'direction',
  'numerator_label',
  'denominator_label',
  'report_lines',
  'threshold_profile',
] as const;

type MeasureRow = Pick<Selectable<QualityMeasuresTable>, (typeof measureColumns)[number]>;

const toMeasure = (r: MeasureRow): MeasureRecord => ({
  id: r.id,
  key: r.key,
  name: r.name,
  description: r.description,
  source: r.source,
  periodKind: r.period_kind,
  unit: r.unit,
  direction: r.direction,
  numeratorLabel: r.numerator_label,
  denominatorLabel: r.denominator_label,
  reportLines: r.report_lines,
  thresholdProfile: r.threshold_profile,
});

/** The agency's active entered measures: federal first, then California, then its own, each in creation order. */
export async function listMeasures(db: Db, agencyId: number): Promise<MeasureRecord[]> {
  const rows = await db
    .selectFrom('quality_measures')
    .select(measureColumns)
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .orderBy(sql`case source when 'federal' then 0 when 'california' then 1 else 2 end`)
    .orderBy('id')
    .execute();
  return rows.map((r) => toMeasure(r));
}

/** One measure by key. */
export async function findMeasure(db: Db, agencyId: number, key: string): Promise<MeasureRecord | undefined> {
  const row = await db
    .selectFrom('quality_measures')
    .select(measureColumns)
    .where('agency_id', '=', agencyId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? toMeasure(row) : undefined;
}

/** One measure by id. */
export async function findMeasureById(db: Db, agencyId: number, id: number): Promise<MeasureRecord | undefined> {
  const row = await db
    .selectFrom('quality_measures')
    .select(measureColumns)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toMeasure(row) : undefined;
}

/** Inserts an agency's own measure; returns its id. */
export async function insertMeasure(
  db: Db,
  agencyId: number,
  createdBy: number | null,
  m: Omit<MeasureRecord, 'id'>,
): Promise<number> {
  const row = await db
    .insertInto('quality_measures')
    .values({
      agency_id: agencyId,
      key: m.key,
      name: m.name,
      description: m.description,
      source: m.source,
      period_kind: m.periodKind,
      unit: m.unit,
      direction: m.direction,
      numerator_label: m.numeratorLabel,
      denominator_label: m.denominatorLabel,
      report_lines: m.reportLines,
      threshold_profile: m.thresholdProfile,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function valueQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('quality_measure_values')
    .select([
      'id',
      'measure_id',
      'period_key',
      sql<string>`period_from::text`.as('period_from'),
      sql<string>`period_to::text`.as('period_to'),
      'numerator',
      'denominator',
      'value',
      'source',
      'entered_via',
      'reliable',
      'reliability_note',
      'entered_by',
      'entered_by_name',
      'entered_at',
      'version',
    ])
    .where('agency_id', '=', agencyId);
}

type ValueRow = Awaited<ReturnType<ReturnType<typeof valueQuery>['executeTakeFirstOrThrow']>>;

const toValue = (r: ValueRow): MeasureValueRecord => ({
  id: r.id,
  measureId: r.measure_id,
  periodKey: r.period_key,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  numerator: Number(r.numerator),
  denominator: Number(r.denominator),
  value: Number(r.value),
  source: r.source,
  enteredVia: r.entered_via,
  reliable: r.reliable,
  reliabilityNote: r.reliability_note,
  enteredBy: r.entered_by,
  enteredByName: r.entered_by_name,
  enteredAt: r.entered_at,
  version: r.version,
});

/** The values of some measures, oldest period first. */
export async function listValues(db: Db, agencyId: number, measureIds: number[]): Promise<MeasureValueRecord[]> {
  if (measureIds.length === 0) return [];
  const rows = await valueQuery(db, agencyId)
    .where('measure_id', 'in', measureIds)
    .orderBy('measure_id')
    .orderBy('period_from')
    .execute();
  return rows.map(toValue);
}

/** The value of one period of a measure, locked for update. */
export async function findValueForUpdate(
  db: Db,
  agencyId: number,
  measureId: number,
  periodKey: string,
): Promise<MeasureValueRecord | undefined> {
  const row = await valueQuery(db, agencyId)
    .where('measure_id', '=', measureId)
    .where('period_key', '=', periodKey)
    .forUpdate()
    .executeTakeFirst();
  return row ? toValue(row) : undefined;
}

/** A period's value as entered: the stored record less what the database assigns. */
export type ValueInput = Omit<MeasureValueRecord, 'id' | 'enteredAt' | 'version'>;

/** Writes a period's value, replacing the one entered before (its version moves on). */
export async function upsertValue(db: Db, agencyId: number, v: ValueInput): Promise<MeasureValueRecord> {
  const values = {
    numerator: v.numerator,
    denominator: v.denominator,
    value: v.value,
    source: v.source,
    entered_via: v.enteredVia,
    reliable: v.reliable,
    reliability_note: v.reliabilityNote,
    entered_by: v.enteredBy,
    entered_by_name: v.enteredByName,
  };
  await db
    .insertInto('quality_measure_values')
    .values({
      agency_id: agencyId,
      measure_id: v.measureId,
      period_key: v.periodKey,
      period_from: v.periodFrom,
      period_to: v.periodTo,
      ...values,
    })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'measure_id', 'period_key']).doUpdateSet({
        ...values,
        entered_at: sql`now()`,
        version: sql`quality_measure_values.version + 1`,
      }),
    )
    .execute();
  return (await findValueForUpdate(db, agencyId, v.measureId, v.periodKey))!;
}

/** The goals of some measures by measure id and year. */
export async function listGoals(
  db: Db,
  agencyId: number,
  measureIds: number[],
): Promise<{ measureId: number; year: number; goal: number }[]> {
  if (measureIds.length === 0) return [];
  const rows = await db
    .selectFrom('quality_measure_goals')
    .select(['measure_id', 'year', 'goal'])
    .where('agency_id', '=', agencyId)
    .where('measure_id', 'in', measureIds)
    .orderBy('year')
    .execute();
  return rows.map((r) => ({ measureId: r.measure_id, year: r.year, goal: Number(r.goal) }));
}

/** The goal of one year, if set. */
export async function findGoal(db: Db, agencyId: number, measureId: number, year: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('quality_measure_goals')
    .select('goal')
    .where('agency_id', '=', agencyId)
    .where('measure_id', '=', measureId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row ? Number(row.goal) : undefined;
}

/** Sets (or replaces) a measure's goal for a year. */
export async function upsertGoal(
  db: Db,
  agencyId: number,
  measureId: number,
  year: number,
  goal: number,
  setBy: number | null,
): Promise<void> {
  await db
    .insertInto('quality_measure_goals')
    .values({ agency_id: agencyId, measure_id: measureId, year, goal, set_by: setBy })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'measure_id', 'year']).doUpdateSet({ goal, set_by: setBy, set_at: sql`now()` }),
    )
    .execute();
}
