// SQL for the parties of a case or a complaint (case_parties, migration 0030): list, lock, write, remove, and the
// facts their checks need (named staff are users of the agency, an authorization is an attachment of the case).
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CasePartiesTable, Database } from '../db/schema.ts';

/** The record a party belongs to: a case or a complaint. */
export type PartyOwner = { caseId: number } | { complaintId: number };

export type PartyRow = Omit<Selectable<CasePartiesTable>, 'authorization_expires_on'> & {
  authorization_expires_on: string | null;
};

function ofOwner(db: Db, agencyId: number, owner: PartyOwner) {
  const query = db
    .selectFrom('case_parties as pp')
    .selectAll('pp')
    .select(sql<string | null>`to_char(pp.authorization_expires_on, 'YYYY-MM-DD')`.as('authorization_expires_on'))
    .where('pp.agency_id', '=', agencyId);
  return 'caseId' in owner
    ? query.where('pp.case_id', '=', owner.caseId)
    : query.where('pp.complaint_id', '=', owner.complaintId);
}

/** The parties of a case or complaint, in the order they were added. */
export async function partiesOf(db: Db, agencyId: number, owner: PartyOwner): Promise<PartyRow[]> {
  return (await ofOwner(db, agencyId, owner).orderBy('pp.id').execute()) as PartyRow[];
}

/** The parties of several complaints (the complaint log). */
export async function partiesOfComplaints(db: Db, agencyId: number, complaintIds: number[]): Promise<PartyRow[]> {
  if (complaintIds.length === 0) return [];
  return (await db
    .selectFrom('case_parties as pp')
    .selectAll('pp')
    .select(sql<string | null>`to_char(pp.authorization_expires_on, 'YYYY-MM-DD')`.as('authorization_expires_on'))
    .where('pp.agency_id', '=', agencyId)
    .where('pp.complaint_id', 'in', complaintIds)
    .orderBy('pp.id')
    .execute()) as PartyRow[];
}

/** One party of a case or complaint, optionally locked for update. */
export async function findParty(
  db: Db,
  agencyId: number,
  owner: PartyOwner,
  partyId: number,
  forUpdate = false,
): Promise<PartyRow | undefined> {
  let query = ofOwner(db, agencyId, owner).where('pp.id', '=', partyId);
  if (forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as PartyRow | undefined;
}

/** Writes a new party; returns its id. */
export async function insertParty(db: Db, values: Insertable<Database['case_parties']>): Promise<number> {
  const { id } = await db.insertInto('case_parties').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Changes a party and bumps its version. */
export async function updateParty(
  db: Db,
  agencyId: number,
  partyId: number,
  changes: Updateable<Database['case_parties']>,
): Promise<void> {
  await db
    .updateTable('case_parties')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('agency_id', '=', agencyId)
    .where('id', '=', partyId)
    .execute();
}

/** Removes a party. */
export async function deleteParty(db: Db, agencyId: number, partyId: number): Promise<void> {
  await db.deleteFrom('case_parties').where('agency_id', '=', agencyId).where('id', '=', partyId).execute();
}

/** The names of some active users of the agency, by id (ids that are not such users are absent). */
export async function staffNames(db: Db, agencyId: number, userIds: number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('agency_id', '=', agencyId)
    .where('id', 'in', [...new Set(userIds)])
    .where('active', '=', true)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The file names of some attachments of a case, by id (others are absent). */
export async function attachmentNames(
  db: Db,
  agencyId: number,
  caseId: number | null,
  ids: number[],
): Promise<Map<number, string>> {
  if (caseId === null || ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'filename'])
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.filename]));
}
