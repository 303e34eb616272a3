// SQL of the agency's review rubric (migration 0032): its versions, newest last, each a scale and criteria; a new
// version is the next number, refused (undefined) when another edit took that number first.
import type { Db } from '../db/database.ts';
import type { Rubric } from '../../domain/review-rubric.ts';

const columns = [
  'r.version',
  'r.scale_min',
  'r.scale_max',
  'r.criteria',
  'r.created_at',
  'u.name as created_by_name',
] as const;

function rubricQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('review_rubrics as r')
    .leftJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'r.agency_id').onRef('u.id', '=', 'r.created_by'))
    .select(columns)
    .where('r.agency_id', '=', agencyId);
}

export type RubricRow = Awaited<ReturnType<ReturnType<typeof rubricQuery>['execute']>>[number];

/** The rubric a row holds. */
export function rubricOf(row: RubricRow): Rubric {
  return {
    version: row.version,
    scaleMin: row.scale_min,
    scaleMax: row.scale_max,
    criteria: row.criteria
      .filter((c) => c.active)
      .map((c) => ({ key: c.key, name: c.label, question: c.description, weight: Number(c.weight) })),
  };
}

/** The newest version of the agency's rubric, if an administrator saved one. */
export async function latestRubric(db: Db, agencyId: number): Promise<RubricRow | undefined> {
  return rubricQuery(db, agencyId).orderBy('r.version', 'desc').limit(1).executeTakeFirst();
}

/** One version. */
export async function rubricVersion(db: Db, agencyId: number, version: number): Promise<RubricRow | undefined> {
  return rubricQuery(db, agencyId).where('r.version', '=', version).executeTakeFirst();
}

/** Every version, oldest first. */
export async function rubricVersions(db: Db, agencyId: number): Promise<RubricRow[]> {
  return rubricQuery(db, agencyId).orderBy('r.version').execute();
}

/** Inserts a version; undefined when the number is taken already. */
export async function insertRubricVersion(
  db: Db,
  agencyId: number,
  rubric: Rubric & { version: number },
  createdBy: number | null,
): Promise<number | undefined> {
  const row = await db
    .insertInto('review_rubrics')
    .values({
      agency_id: agencyId,
      version: rubric.version,
      scale_min: rubric.scaleMin,
      scale_max: rubric.scaleMax,
      criteria: JSON.stringify(
        rubric.criteria.map((c) => ({
          key: c.key,
          label: c.name,
          description: c.question,
          weight: c.weight,
          active: true,
        })),
      ),
      created_by: createdBy,
    })
    .onConflict((oc) => oc.columns(['agency_id', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}
