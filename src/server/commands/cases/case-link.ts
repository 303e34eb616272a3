// Links between cases (duplicate of, related, parent/child) and merging a duplicate into the case that stays:
// the duplicate's timeline moves over, it is closed and points at the survivor.
import type { CommandContext } from '../../context.ts';
import { AppError, invalid } from '../../errors.ts';
import { findVisibleCase } from '../../repositories/cases.ts';
import { insertCaseLinks, linkedCases, moveCaseRecords } from '../../repositories/case-links.ts';
import { insertTimelineEntry } from '../../repositories/timeline.ts';
import { mutateCase } from './case-mutation.ts';

export type LinkKind = 'duplicate_of' | 'related' | 'parent_of' | 'child_of';
const inverse: Record<LinkKind, LinkKind> = {
  duplicate_of: 'related',
  related: 'related',
  parent_of: 'child_of',
  child_of: 'parent_of',
};

/** Links two cases; the other side gets the inverse link (parent ⇄ child, related ⇄ related). */
export async function linkCases(
  ctx: CommandContext,
  trackingNumber: string,
  otherTrackingNumber: string,
  kind: LinkKind,
) {
  if (trackingNumber === otherTrackingNumber) throw invalid('other', 'a case cannot be linked to itself');
  await mutateCase(ctx, { trackingNumber, action: 'case:update', auditAction: 'case.linked' }, async (tx, current) => {
    const other = await findVisibleCase(tx, ctx, otherTrackingNumber).catch(() => {
      throw invalid('other', `case ${otherTrackingNumber} was not found`);
    });
    await insertCaseLinks(tx, [
      { agency_id: ctx.agency.id, case_id: current.id, other_case_id: other.id, kind },
      { agency_id: ctx.agency.id, case_id: other.id, other_case_id: current.id, kind: inverse[kind] },
    ]);
    return { patch: {}, auditAfter: { link: `${kind} ${otherTrackingNumber}` } };
  });
}

/** The cases linked to this one. */
export async function caseLinks(ctx: CommandContext, trackingNumber: string) {
  const current = await findVisibleCase(ctx.db, ctx, trackingNumber);
  const rows = await linkedCases(ctx.db, ctx.agency.id, current.id);
  // A linked restricted case the reader may not see shows only that a link exists.
  const visible = (r: (typeof rows)[number]) =>
    !r.restricted || (r.unit_id !== null && ctx.actor.unitIds.includes(r.unit_id));
  return rows.map((r) =>
    visible(r)
      ? { kind: r.kind, trackingNumber: r.tracking_number, status: r.status }
      : { kind: r.kind, trackingNumber: null, status: null },
  );
}

/** Merges `duplicate` into `survivor`: correspondence moves, the duplicate closes pointing at the survivor. */
export async function mergeCases(ctx: CommandContext, survivorTrackingNumber: string, duplicateTrackingNumber: string) {
  if (survivorTrackingNumber === duplicateTrackingNumber)
    throw invalid('duplicate', 'a case cannot be merged into itself');
  await mutateCase(
    ctx,
    { trackingNumber: duplicateTrackingNumber, action: 'case:merge', auditAction: 'case.merged' },
    async (tx, duplicate) => {
      const survivor = await findVisibleCase(tx, ctx, survivorTrackingNumber, { forUpdate: true });
      if (survivor.merged_into_id)
        throw new AppError(
          'conflict',
          `Case ${survivorTrackingNumber} was itself merged; merge into the case it points to.`,
        );
      await moveCaseRecords(tx, ctx.agency.id, duplicate.id, survivor.id);
      await insertCaseLinks(tx, [
        { agency_id: ctx.agency.id, case_id: duplicate.id, other_case_id: survivor.id, kind: 'duplicate_of' },
      ]);
      await insertTimelineEntry(tx, {
        agency_id: ctx.agency.id,
        case_id: survivor.id,
        kind: 'note',
        author_user_id: ctx.actor.userId || null,
        body: `Case ${duplicateTrackingNumber} was merged into this case.`,
      });
      return {
        patch: { merged_into_id: survivor.id, status: 'closed', closed_at: duplicate.closed_at ?? new Date() },
        auditAfter: { merged_into: survivorTrackingNumber },
      };
    },
  );
}
