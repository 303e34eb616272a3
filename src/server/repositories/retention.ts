// Retention's SQL: the rules, the closed cases a run looks at, and what anonymising or deleting a case writes.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { RetentionRule } from '../../domain/retention.ts';

/** An agency's retention rules, by case kind. */
export async function listRetentionRules(db: Db, agencyId: number): Promise<RetentionRule[]> {
  const rows = await db
    .selectFrom('retention_rules')
    .select(['case_kind', 'years', 'action'])
    .where('agency_id', '=', agencyId)
    .orderBy('case_kind')
    .execute();
  return rows.map((r) => ({ caseKind: r.case_kind, years: r.years, action: r.action }));
}

/** Replaces an agency's retention rules with these. */
export async function replaceRetentionRules(db: Db, agencyId: number, rules: readonly RetentionRule[]): Promise<void> {
  await db.deleteFrom('retention_rules').where('agency_id', '=', agencyId).execute();
  if (rules.length === 0) return;
  await db
    .insertInto('retention_rules')
    .values(rules.map((r) => ({ agency_id: agencyId, case_kind: r.caseKind, years: r.years, action: r.action })))
    .execute();
}

export interface RetentionCandidate {
  id: number;
  tracking_number: string;
  subject_code: string | null;
  restricted: boolean;
  status: string;
  closed_at: Date | null;
  person_id: number | null;
  on_behalf_of_person_id: number | null;
}

/** Closed cases not yet anonymised that closed before the instant given (the pre-filter of a run). */
export async function retentionCandidates(db: Db, agencyId: number, closedBefore: Date): Promise<RetentionCandidate[]> {
  return db
    .selectFrom('cases')
    .select([
      'id',
      'tracking_number',
      'subject_code',
      'restricted',
      'status',
      'closed_at',
      'person_id',
      'on_behalf_of_person_id',
    ])
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'closed')
    .where('closed_at', '<', closedBefore)
    .where('anonymised_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** What a case holds that retention removes: attachments and mail. */
export async function caseContentCounts(db: Db, agencyId: number, caseIds: number[]) {
  if (caseIds.length === 0) return { attachments: 0, mails: 0 };
  const count = (table: 'attachments' | 'email_messages') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('agency_id', '=', agencyId)
      .where('case_id', 'in', caseIds)
      .executeTakeFirstOrThrow();
  const [attachments, messages, outbox] = await Promise.all([
    count('attachments'),
    count('email_messages'),
    db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('agency_id', '=', agencyId)
      .where('case_id', 'in', caseIds)
      .executeTakeFirstOrThrow(),
  ]);
  return { attachments: Number(attachments.n), mails: Number(messages.n) + Number(outbox.n) };
}

/**
 * The people of these cases who have no other live case (as writer or as the person written for): a case outside the
 * set that retention has not anonymised. They are anonymised with the cases.
 */
export async function peopleWithoutOtherCases(db: Db, agencyId: number, caseIds: number[]): Promise<number[]> {
  if (caseIds.length === 0) return [];
  const rows = await sql<{ id: number }>`select p.id from people p
    where p.agency_id = ${agencyId} and p.anonymised_at is null
      and p.id in (select person_id from cases where agency_id = ${agencyId} and id = any(${caseIds}::int[])
        union select on_behalf_of_person_id from cases where agency_id = ${agencyId} and id = any(${caseIds}::int[]))
      and not exists (select 1 from cases c where c.agency_id = p.agency_id
        and (c.person_id = p.id or c.on_behalf_of_person_id = p.id)
        and c.anonymised_at is null and not (c.id = any(${caseIds}::int[])))
    order by p.id`.execute(db);
  return rows.rows.map((r) => r.id);
}

/**
 * Removes the personal content of a case, keeping the row for the statistics (subject, unit, status, dates): its
 * description and imported data, the text of its timeline, its mail (bodies, addresses, subjects), its attachments (the
 * storage keys are returned so the files can be removed once committed), and the values in its audit events (the
 * events themselves stay: who did what, when).
 */
export async function anonymiseCaseRows(db: Db, agencyId: number, caseId: number): Promise<string[]> {
  await db
    .updateTable('cases')
    .set({ description: '', facility: null, external_data: null, tags: [], anonymised_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('id', '=', caseId)
    .execute();
  await db
    .updateTable('timeline_entries')
    .set({ body: '', subject: null })
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .execute();
  await db
    .updateTable('email_messages')
    .set({ from_address: '', to_address: '', subject: '' })
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .execute();
  await db
    .updateTable('outbox')
    .set({ to_address: '', to_name: '', subject: '', body: '' })
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .execute();
  const files = await db
    .deleteFrom('attachments')
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .returning('storage_key')
    .execute();
  await scrubAuditValues(db, agencyId, sql`case_id = ${caseId}`);
  return files.map((f) => f.storage_key);
}

/** Keeps each audit event's fields but drops their values and the reason (they may name the person). */
async function scrubAuditValues(db: Db, agencyId: number, where: ReturnType<typeof sql>) {
  await sql`update audit_events set reason = null,
      changes = coalesce((select jsonb_agg(jsonb_build_object('field', c->'field', 'old', null, 'new', null))
        from jsonb_array_elements(changes) c), '[]'::jsonb)
    where agency_id = ${agencyId} and ${where}`.execute(db);
}

/** Removes what identifies a person: names, contacts, notes, needs; the row stays so the cases keep their writer. */
export async function anonymisePersonRow(db: Db, agencyId: number, personId: number): Promise<void> {
  await db.deleteFrom('person_contacts').where('agency_id', '=', agencyId).where('person_id', '=', personId).execute();
  await db
    .updateTable('people')
    .set({
      first_name: '',
      last_name: '',
      organisation: null,
      notes: null,
      accessibility_needs: [],
      anonymised_at: new Date(),
    })
    .where('agency_id', '=', agencyId)
    .where('id', '=', personId)
    .execute();
  await scrubAuditValues(db, agencyId, sql`entity_type = 'person' and entity_id = ${String(personId)}`);
}

/** Tables that hang on a case and go with it when it is deleted (the audit events stay, without their case). */
const CASE_CHILDREN = [
  'case_access',
  'timeline_entries',
  'referrals',
  'email_messages',
  'outbox',
  'notifications',
  'survey_responses',
  'survey_invitations',
  'case_details',
  'response_reviews',
  'open311_requests',
  'portal_submissions',
] as const;

/**
 * Deletes an anonymised case with the rows that hang on it; the audit events stay without their case. Throws (a
 * foreign key) when another module still holds the case: the caller keeps it anonymised.
 */
export async function deleteCaseRows(db: Db, agencyId: number, caseId: number): Promise<void> {
  await sql`update audit_events set case_id = null where agency_id = ${agencyId} and case_id = ${caseId}`.execute(db);
  await sql`delete from case_links where agency_id = ${agencyId} and (case_id = ${caseId} or other_case_id = ${caseId})`.execute(
    db,
  );
  for (const table of CASE_CHILDREN) {
    await sql`delete from ${sql.table(table)} where agency_id = ${agencyId} and case_id = ${caseId}`.execute(db);
  }
  await db.deleteFrom('cases').where('agency_id', '=', agencyId).where('id', '=', caseId).execute();
}
