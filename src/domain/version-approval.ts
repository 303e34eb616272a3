// The approval of a versioned document kept in force one version at a time (procedures, materials in each language):
// draft → approved, which retires the version approved before it, and approved → retired. Pure: the caller locks
// the versions, applies the plan and records the audit event.

export type VersionStatus = 'draft' | 'approved' | 'retired';
export type VersionDecision = 'approve' | 'retire';

export const DECISION_FROM: Record<VersionDecision, VersionStatus> = { approve: 'draft', retire: 'approved' };
export const DECISION_TO: Record<VersionDecision, VersionStatus> = { approve: 'approved', retire: 'retired' };

export type VersionDecisionPlan =
  { ok: true; to: VersionStatus; retires: number | null } | { ok: false; problem: string };

/** What a decision on `version` does among `versions` (all versions of one document in force one at a time). */
export function planVersionDecision(
  versions: readonly { version: number; status: VersionStatus }[],
  version: number,
  decision: VersionDecision,
): VersionDecisionPlan {
  const target = versions.find((v) => v.version === version);
  if (!target) return { ok: false, problem: `there is no version ${version}` };
  if (target.status !== DECISION_FROM[decision]) {
    return {
      ok: false,
      problem: `Version ${version} is ${target.status}; only ${decision === 'approve' ? 'a draft' : 'an approved'} version can be ${DECISION_TO[decision]}.`,
    };
  }
  const previous = decision === 'approve' ? versions.find((v) => v.status === 'approved') : undefined;
  return { ok: true, to: DECISION_TO[decision], retires: previous?.version ?? null };
}
