// The review rubric in use (the newest saved version, else the built-in one) and its history, as the API shows them.
// Every staff member may read it: a worker reads the rubric their reviews were scored with.
import type { CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import {
  latestRubric,
  rubricOf,
  rubricVersion,
  rubricVersions,
  type RubricRow,
} from '../repositories/review-rubrics.ts';
import { BUILT_IN_RUBRIC, type Rubric } from '../../domain/review-rubric.ts';
import { notFound } from '../errors.ts';
import type { RubricOverview, RubricVersion } from '../../shared/quality.ts';

function present(rubric: Rubric, row?: RubricRow): RubricVersion {
  return {
    version: rubric.version,
    scaleMin: rubric.scaleMin,
    scaleMax: rubric.scaleMax,
    criteria: rubric.criteria.map((c) => ({ key: c.key, name: c.name, description: c.question, weight: c.weight })),
    createdAt: row ? row.created_at.toISOString() : null,
    createdByName: row?.created_by_name ?? null,
  };
}

/** A saved version as the API shows it. */
export function presentRubricVersion(row: RubricRow): RubricVersion {
  return present(rubricOf(row), row);
}

/** The rubric reviews are scored with now. */
export async function currentRubric(db: Db, agencyId: number): Promise<Rubric> {
  const row = await latestRubric(db, agencyId);
  return row ? rubricOf(row) : BUILT_IN_RUBRIC;
}

/** The rubric in use and every saved version. */
export async function rubricOverview(ctx: CommandContext): Promise<RubricOverview> {
  const rows = await rubricVersions(ctx.db, ctx.agency.id);
  const last = rows[rows.length - 1];
  return {
    current: last ? presentRubricVersion(last) : present(BUILT_IN_RUBRIC),
    versions: rows.map(presentRubricVersion),
  };
}

/** One saved version (404 for a version the agency does not have). */
export async function rubricVersionOf(ctx: CommandContext, version: number): Promise<RubricVersion> {
  const row = await rubricVersion(ctx.db, ctx.agency.id, version);
  if (!row) throw notFound(`Rubric version ${version}`);
  return presentRubricVersion(row);
}
