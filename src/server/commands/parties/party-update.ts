// Changing or removing a party of a case or complaint: its role, the authorization on file and its expiry, its
// protective order. A protective order is changed or lifted only by the staff it names. One audit event each.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { deleteParty, findParty, updateParty } from '../../repositories/case-parties.ts';
import { authorizeProtectiveOrderChange } from '../../policies/person-access.ts';
import type { UpdatePartyBody } from '../../../shared/parties.ts';
import { refuse } from '../complaints/complaint-refusal.ts';
import {
  partyColumns,
  partyHolder,
  partyProblems,
  partySnapshot,
  type PartyFields,
  type PartyHolderRef,
} from './party-input.ts';

/** Changes a party (the fields given; the others stay); 409 when the version read is stale. */
export async function updatePartyFields(
  ctx: CommandContext,
  ref: PartyHolderRef,
  partyId: number,
  input: UpdatePartyBody,
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const holder = await partyHolder(tx, ctx, ref, true);
    const current = await findParty(tx, ctx.agency.id, holder.owner, partyId, true);
    if (!current) throw notFound(`Party ${partyId}`);
    authorizeProtectiveOrderChange(ctx, current);
    if (current.version !== input.version) {
      throw new AppError('version_conflict', 'Someone changed this party since you opened it; reload and try again.');
    }
    const pick = <K extends keyof PartyFields>(key: K, column: PartyFields[K]): PartyFields[K] =>
      input[key as keyof UpdatePartyBody] !== undefined
        ? (input[key as keyof UpdatePartyBody] as PartyFields[K])
        : column;
    const role = input.role ?? current.role;
    const representative = role === 'authorized_representative';
    const fields: PartyFields = {
      role,
      // A party who is no longer a representative drops the authorization.
      authorizationReference: representative ? pick('authorizationReference', current.authorization_reference) : null,
      authorizationAttachmentId: representative
        ? pick('authorizationAttachmentId', current.authorization_attachment_id)
        : null,
      authorizationExpiresOn: representative ? pick('authorizationExpiresOn', current.authorization_expires_on) : null,
      protectiveOrder: pick('protectiveOrder', current.protective_order),
      protectedStaffUserIds: pick('protectedStaffUserIds', current.protected_staff_user_ids),
    };
    if (fields.protectiveOrder === false) fields.protectedStaffUserIds = [];
    refuse(await partyProblems(tx, ctx.agency.id, holder, fields));
    const columns = partyColumns(fields);
    await updateParty(tx, ctx.agency.id, partyId, columns);
    await recordAudit(tx, ctx, {
      action: 'party.updated',
      entityType: 'case_party',
      entityId: partyId,
      caseId: holder.caseId,
      before: partySnapshot(current),
      after: partySnapshot({ ...columns, person_id: current.person_id }),
    });
  });
}

/** Removes a party from a case or complaint. */
export async function removeParty(ctx: CommandContext, ref: PartyHolderRef, partyId: number): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const holder = await partyHolder(tx, ctx, ref, true);
    const current = await findParty(tx, ctx.agency.id, holder.owner, partyId, true);
    if (!current) throw notFound(`Party ${partyId}`);
    authorizeProtectiveOrderChange(ctx, current);
    await deleteParty(tx, ctx.agency.id, partyId);
    await recordAudit(tx, ctx, {
      action: 'party.removed',
      entityType: 'case_party',
      entityId: partyId,
      caseId: holder.caseId,
      before: partySnapshot(current),
    });
  });
}
