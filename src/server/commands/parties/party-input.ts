// What the party commands share: the case or complaint a party belongs to (seen through its case, so restricted stays
// restricted; 404 for those who may not see it), the checks of a party's fields (role, an authorized
// representative's authorization on file and its expiry, a protective order and the staff named on it), and the
// audit snapshot (never an address).
import type { Db } from '../../db/database.ts';
import type { CommandContext } from '../../context.ts';
import type { ErrorDetail } from '../../errors.ts';
import { findVisibleCase } from '../../repositories/cases.ts';
import { findVisibleComplaint } from '../../repositories/complaints.ts';
import { attachmentNames, staffNames, type PartyOwner, type PartyRow } from '../../repositories/case-parties.ts';
import { authorizeCase } from '../../policies/case-access.ts';
import { authorizeComplaint } from '../../policies/complaint-access.ts';
import { PARTY_ROLES, type PartyRole } from '../../../shared/parties.ts';
import { isCalendarDate } from '../../../shared/local-time.ts';

/** Which record's parties: a case by tracking number or a complaint by number. */
export type PartyHolderRef = { trackingNumber: string } | { complaintNumber: string };

export interface PartyHolder {
  owner: PartyOwner;
  /** The case whose attachments may hold an authorization (a complaint's case, when it has one). */
  caseId: number | null;
  restricted: boolean;
}

/** The case or complaint the actor may see (404 otherwise); with `write`, locked and the change authorized. */
export async function partyHolder(
  db: Db,
  ctx: CommandContext,
  ref: PartyHolderRef,
  write: boolean,
): Promise<PartyHolder> {
  if ('trackingNumber' in ref) {
    const row = await findVisibleCase(db, ctx, ref.trackingNumber, { forUpdate: write });
    if (write) authorizeCase(ctx.actor, 'case:update', row);
    return { owner: { caseId: row.id }, caseId: row.id, restricted: row.restricted };
  }
  const complaint = await findVisibleComplaint(db, ctx, ref.complaintNumber, write);
  if (write) authorizeComplaint(ctx.actor, 'complaint:resolve');
  return { owner: { complaintId: complaint.id }, caseId: complaint.case_id, restricted: complaint.restricted };
}

export interface PartyFields {
  role: string;
  authorizationReference?: string | null | undefined;
  authorizationAttachmentId?: number | null | undefined;
  authorizationExpiresOn?: string | null | undefined;
  protectiveOrder?: boolean | undefined;
  protectedStaffUserIds?: number[] | undefined;
}

/** The party's columns as the fields give them. */
export function partyColumns(fields: PartyFields) {
  return {
    role: fields.role as PartyRole,
    authorization_reference: fields.authorizationReference?.trim() || null,
    authorization_attachment_id: fields.authorizationAttachmentId ?? null,
    authorization_expires_on: fields.authorizationExpiresOn || null,
    protective_order: fields.protectiveOrder ?? false,
    protected_staff_user_ids: fields.protectiveOrder ? [...new Set(fields.protectedStaffUserIds ?? [])] : [],
  };
}

/** The problems of a party's fields, each naming its field in plain words (empty when there are none). */
export async function partyProblems(db: Db, agencyId: number, holder: PartyHolder, fields: PartyFields) {
  const problems: ErrorDetail[] = [];
  if (!(PARTY_ROLES as readonly string[]).includes(fields.role)) {
    problems.push({ field: 'role', message: `must be one of ${PARTY_ROLES.join(', ')}` });
  }
  const reference = fields.authorizationReference?.trim() || null;
  const attachment = fields.authorizationAttachmentId ?? null;
  const expires = fields.authorizationExpiresOn || null;
  if (fields.role === 'authorized_representative') {
    if (!reference && attachment === null) {
      problems.push({
        field: 'authorizationReference',
        message: 'an authorized representative needs the authorization on file: attach it or give its reference',
      });
    }
    if (!expires) problems.push({ field: 'authorizationExpiresOn', message: 'give the day the authorization expires' });
  } else {
    if (reference)
      problems.push({
        field: 'authorizationReference',
        message: 'only an authorized representative has an authorization',
      });
    if (attachment !== null)
      problems.push({
        field: 'authorizationAttachmentId',
        message: 'only an authorized representative has an authorization',
      });
    if (expires)
      problems.push({
        field: 'authorizationExpiresOn',
        message: 'only an authorized representative has an authorization',
      });
  }
  if (expires && !isCalendarDate(expires)) {
    problems.push({ field: 'authorizationExpiresOn', message: 'must be a date written YYYY-MM-DD' });
  }
  if (attachment !== null && !(await attachmentNames(db, agencyId, holder.caseId, [attachment])).has(attachment)) {
    problems.push({ field: 'authorizationAttachmentId', message: 'is not an attachment of this case' });
  }
  const staff = fields.protectedStaffUserIds ?? [];
  if (fields.protectiveOrder) {
    if (staff.length === 0) {
      problems.push({
        field: 'protectedStaffUserIds',
        message: 'name the staff who may see the whereabouts of a party under a protective order',
      });
    } else {
      const known = await staffNames(db, agencyId, staff);
      const unknown = staff.filter((id) => !known.has(id));
      if (unknown.length) {
        problems.push({ field: 'protectedStaffUserIds', message: `${unknown.join(', ')} are not active staff` });
      }
    }
  } else if (staff.length) {
    problems.push({ field: 'protectedStaffUserIds', message: 'staff are named only on a protective order' });
  }
  return problems;
}

/** What the audit keeps of a party: its role, person, authorization and order — never an address. */
export function partySnapshot(row: Pick<PartyRow, keyof ReturnType<typeof partyColumns> | 'person_id'>) {
  return {
    person_id: row.person_id,
    role: row.role,
    authorization_reference: row.authorization_reference,
    authorization_attachment_id: row.authorization_attachment_id,
    authorization_expires_on: row.authorization_expires_on,
    protective_order: row.protective_order,
    protected_staff_user_ids: row.protected_staff_user_ids,
  };
}
