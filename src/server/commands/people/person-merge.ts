// Merging a duplicate person into the one to keep: contacts move (without repeats), cases are re-pointed, needs
// and missing details carry over, and the duplicate is marked merged — one transaction, one audit event on each.
import type { CommandContext } from '../../context.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  contactsOf,
  lockPeople,
  moveContacts,
  personSights,
  repointCases,
  repointMergedPeople,
  repointParties,
  updatePersonRow,
  type PersonChanges,
} from '../../repositories/people.ts';
import { getPersonWithHistory, type Person, type PersonCase } from '../../queries/people-queries.ts';
import { checkVersion } from '../common.ts';
import { authorizeCompartmentMerge } from '../../policies/person-access.ts';
import { ACCESSIBILITY_NEEDS, auditSnapshot, authorizePersonChange } from './person-input.ts';

export interface MergePeopleInput {
  /** The person to keep. */
  personId: number;
  /** The person merged into it, who then only points at it. */
  duplicateId: number;
  /** The kept person's version as the caller saw it. */
  expectedVersion?: number | undefined;
}

export interface MergeResult {
  person: Person & { cases: PersonCase[] };
  moved: {
    contacts: { kind: string; value: string }[];
    /** Tracking numbers of the re-pointed cases the caller may see. */
    cases: string[];
  };
}

/** Merges `duplicateId` into `personId`. */
export async function mergePeople(ctx: CommandContext, input: MergePeopleInput): Promise<MergeResult> {
  authorizePersonChange(ctx, 'merge people');
  const { personId, duplicateId } = input;
  if (personId === duplicateId) {
    throw invalid('duplicateId', 'is the person being kept; choose a different person to merge into them');
  }
  return ctx.db.transaction().execute(async (tx) => {
    const locked = await lockPeople(tx, ctx.agency.id, [personId, duplicateId]);
    const sights = await personSights(ctx, tx, [personId, duplicateId]);
    // A person the actor may not see does not exist for them (404); one whose restricted cases they may not see
    // cannot be merged by them, since a merge moves those cases and contacts.
    const seen = (id: number) => {
      const row = locked.find((p) => p.id === id);
      const sight = sights.get(id);
      return row && sight?.visible ? row : undefined;
    };
    const keep = seen(personId);
    const duplicate = seen(duplicateId);
    if (!keep) throw notFound(`Person ${personId}`);
    if (!duplicate) throw notFound(`Person ${duplicateId}`);
    authorizeCompartmentMerge([sights.get(personId)!, sights.get(duplicateId)!]);
    if (keep.merged_into_id !== null) {
      throw new AppError(
        'conflict',
        `Person ${personId} was itself merged into person ${keep.merged_into_id}; merge into that record instead.`,
        [{ field: 'id', message: `was merged into person ${keep.merged_into_id}` }],
      );
    }
    if (duplicate.merged_into_id !== null) {
      throw new AppError(
        'conflict',
        `Person ${duplicateId} was already merged into person ${duplicate.merged_into_id}.`,
        [{ field: 'duplicateId', message: `was already merged into person ${duplicate.merged_into_id}` }],
      );
    }
    checkVersion(`Person ${personId}`, keep.version, input.expectedVersion);

    const keepBefore = auditSnapshot(keep, await contactsOf(tx, ctx.agency.id, [personId]));
    const duplicateBefore = auditSnapshot(duplicate, await contactsOf(tx, ctx.agency.id, [duplicateId]));
    const movedContacts = await moveContacts(tx, ctx.agency.id, duplicateId, personId);
    const movedCases = await repointCases(tx, ctx.agency.id, duplicateId, personId);
    await repointMergedPeople(tx, ctx.agency.id, duplicateId, personId);
    await repointParties(tx, ctx.agency.id, duplicateId, personId);

    // Needs recorded on either record are facts about the same human: losing "homebound" in a merge would hurt.
    const changes: PersonChanges = {
      accessibility_needs: ACCESSIBILITY_NEEDS.filter(
        (need) => keep.accessibility_needs.includes(need) || duplicate.accessibility_needs.includes(need),
      ),
      interpretation_needed: keep.interpretation_needed || duplicate.interpretation_needed,
    };
    if (!keep.organisation && duplicate.organisation) changes.organisation = duplicate.organisation;
    // A protective order on either record protects the one person they both are.
    if (!keep.confidential_reason && duplicate.confidential_reason) {
      changes.confidential_reason = duplicate.confidential_reason;
    }
    if (duplicate.notes) changes.notes = keep.notes ? `${keep.notes}\n\n${duplicate.notes}` : duplicate.notes;
    const kept = await updatePersonRow(tx, keep, changes);
    const merged = await updatePersonRow(tx, duplicate, { merged_into_id: personId });

    const caseIds = movedCases.map((c) => c.tracking_number);
    const contactList = movedContacts.map((c) => ({ kind: c.kind, value: c.value }));
    await recordAudit(tx, ctx, {
      action: 'person.merged',
      entityType: 'person',
      entityId: personId,
      before: { ...keepBefore, merged_from_id: null, cases_moved_in: [] },
      after: {
        ...auditSnapshot(kept, await contactsOf(tx, ctx.agency.id, [personId])),
        merged_from_id: duplicateId,
        cases_moved_in: caseIds,
      },
    });
    await recordAudit(tx, ctx, {
      action: 'person.merged_into',
      entityType: 'person',
      entityId: duplicateId,
      before: { ...duplicateBefore, cases_moved_out: [] },
      after: { ...auditSnapshot(merged, []), cases_moved_out: caseIds },
    });

    const person = await getPersonWithHistory(ctx, personId, tx);
    const visible = new Set(person.cases.map((c) => c.trackingNumber));
    return {
      person,
      moved: { contacts: contactList, cases: caseIds.filter((tracking) => visible.has(tracking)) },
    };
  });
}
