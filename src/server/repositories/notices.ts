// SQL for notices to the public (migration 0033): the audience (people of the visible cases that match, with whether
// each is inside the confidential compartment or opted out), their contacts, the notices and their delivery log
// (each recipient's timeline entry carries the delivery status the outbox and the print batch keep), and opt-outs.
import { sql, type AliasableExpression, type Insertable, type SqlBool } from 'kysely';
import type { CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { NoticeRecipientsTable, NoticesTable } from '../db/schema.ts';
import type { CaseRow } from './cases.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import { compartmented, visiblePeopleFilter } from '../policies/person-access.ts';

export interface AudienceFilter {
  subjectCode?: string | undefined;
  unitId?: number | undefined;
  languages?: string[] | undefined;
  organizationId?: number | undefined;
  openCasesOnly?: boolean | undefined;
}

export interface AudienceMember {
  personId: number;
  name: string;
  language: string;
  /** The person's newest matching case: the notice is written on its timeline. */
  caseId: number;
  confidential: boolean;
  optedOut: boolean;
}

/** The most people one notice reaches; a larger group is split by language or unit. */
export const MAX_AUDIENCE = 5000;

/** The people of the caller's visible ordinary cases matching the filter, each once with their newest such case. */
export async function audienceOf(ctx: CommandContext, filter: AudienceFilter): Promise<AudienceMember[]> {
  let query = ctx.db
    .selectFrom('cases as c')
    .innerJoin('people as p', (j) => j.onRef('p.agency_id', '=', 'c.agency_id').onRef('p.id', '=', 'c.person_id'))
    .select((eb) => [
      'p.id as person_id',
      'p.first_name',
      'p.last_name',
      'p.preferred_language',
      'c.id as case_id',
      // The compartment's own rule: a flagged person or one on any restricted case gets no mass mail at all.
      (compartmented as unknown as (e: typeof eb) => AliasableExpression<SqlBool>)(eb).as('confidential'),
      eb
        .exists(
          eb
            .selectFrom('notice_opt_outs as o')
            .select('o.person_id')
            .whereRef('o.agency_id', '=', 'p.agency_id')
            .whereRef('o.person_id', '=', 'p.id'),
        )
        .as('opted_out'),
    ])
    .where('c.agency_id', '=', ctx.agency.id)
    .where('c.restricted', '=', false)
    .where('p.merged_into_id', 'is', null)
    .where(visibleCasesFilter(ctx))
    .where(visiblePeopleFilter(ctx) as never);
  if (filter.subjectCode) query = query.where('c.subject_code', '=', filter.subjectCode);
  if (filter.unitId) query = query.where('c.unit_id', '=', filter.unitId);
  if (filter.openCasesOnly) query = query.where('c.status', '!=', 'closed');
  if (filter.languages?.length) query = query.where('p.preferred_language', 'in', filter.languages);
  if (filter.organizationId) {
    const organizationId = filter.organizationId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('organization_contacts as oc')
          .select('oc.person_id')
          .whereRef('oc.agency_id', '=', 'p.agency_id')
          .whereRef('oc.person_id', '=', 'p.id')
          .where('oc.organization_id', '=', organizationId),
      ),
    );
  }
  const rows = await query
    .orderBy('p.id')
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(MAX_AUDIENCE * 20)
    .execute();
  const members: AudienceMember[] = [];
  for (const row of rows) {
    if (members.at(-1)?.personId === row.person_id) continue;
    members.push({
      personId: row.person_id,
      name: `${row.first_name} ${row.last_name}`.trim(),
      language: row.preferred_language,
      caseId: row.case_id,
      confidential: Boolean(row.confidential),
      optedOut: Boolean(row.opted_out),
    });
  }
  return members;
}

/** Each person's email addresses given outside the compartment, primary first. */
export async function ordinaryEmails(db: Db, agencyId: number, personIds: number[]): Promise<Map<number, string[]>> {
  const byPerson = new Map<number, string[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db
    .selectFrom('person_contacts')
    .select(['person_id', 'value'])
    .where('agency_id', '=', agencyId)
    .where('person_id', 'in', personIds)
    .where('kind', '=', 'email')
    .where('restricted', '=', false)
    .orderBy('person_id')
    .orderBy('is_primary', 'desc')
    .orderBy('position')
    .execute();
  for (const row of rows) byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), row.value]);
  return byPerson;
}

/** The case rows the notice is written on. */
export async function casesById(db: Db, agencyId: number, ids: number[]): Promise<Map<number, CaseRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Inserts a notice; returns its id. */
export async function insertNotice(
  tx: Db,
  agencyId: number,
  values: Pick<NoticesTable, 'title' | 'template_code' | 'delivery'> & {
    audience: AudienceFilter;
    recipientCount: number;
    suppressedCount: number;
    sentBy: number | null;
  },
): Promise<number> {
  const row = await tx
    .insertInto('notices')
    .values({
      agency_id: agencyId,
      title: values.title,
      template_code: values.template_code,
      delivery: values.delivery,
      audience: JSON.stringify(values.audience),
      recipient_count: values.recipientCount,
      suppressed_count: values.suppressedCount,
      sent_by: values.sentBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type NewRecipient = Omit<Insertable<NoticeRecipientsTable>, 'agency_id' | 'notice_id'>;

/** Writes the delivery log of a notice. */
export async function insertRecipients(tx: Db, agencyId: number, noticeId: number, rows: NewRecipient[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insertInto('notice_recipients')
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, agency_id: agencyId, notice_id: noticeId })))
      .execute();
  }
}

function noticesQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('notices as n')
    .leftJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'n.agency_id').onRef('u.id', '=', 'n.sent_by'))
    .select([
      'n.id',
      'n.title',
      'n.template_code',
      'n.delivery',
      'n.audience',
      'n.recipient_count',
      'n.suppressed_count',
      'n.sent_at',
      'u.name as sent_by_name',
    ])
    .where('n.agency_id', '=', agencyId);
}

export type NoticeRow = Awaited<ReturnType<ReturnType<typeof noticesQuery>['executeTakeFirstOrThrow']>>;

/** Notices, newest first. */
export function listNotices(db: Db, agencyId: number, limit: number): Promise<NoticeRow[]> {
  return noticesQuery(db, agencyId).orderBy('n.sent_at', 'desc').orderBy('n.id', 'desc').limit(limit).execute();
}

/** One notice. */
export function findNotice(db: Db, agencyId: number, id: number): Promise<NoticeRow | undefined> {
  return noticesQuery(db, agencyId).where('n.id', '=', id).executeTakeFirst();
}

/** The delivery log of a notice: the people the caller may see, with the live status of each entry. */
export async function noticeRecipients(ctx: CommandContext, noticeId: number) {
  return ctx.db
    .selectFrom('notice_recipients as r')
    .innerJoin('people as p', (j) => j.onRef('p.agency_id', '=', 'r.agency_id').onRef('p.id', '=', 'r.person_id'))
    .leftJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'r.agency_id').onRef('c.id', '=', 'r.case_id'))
    .leftJoin('timeline_entries as e', (j) =>
      j.onRef('e.agency_id', '=', 'r.agency_id').onRef('e.id', '=', 'r.entry_id'),
    )
    .select([
      'r.person_id',
      'p.first_name',
      'p.last_name',
      'r.language',
      'r.channel',
      'r.suppressed_reason',
      'c.tracking_number',
      'e.delivery_status',
      'r.send_after',
    ])
    .where('r.agency_id', '=', ctx.agency.id)
    .where('r.notice_id', '=', noticeId)
    .where(visiblePeopleFilter(ctx) as never)
    .orderBy('r.suppressed_reason', 'desc')
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .orderBy('r.person_id')
    .limit(MAX_AUDIENCE * 2)
    .execute();
}

/** Records that a person wants no notices (again: keeps the first record). */
export async function insertOptOut(tx: Db, agencyId: number, personId: number, reason: string, by: number | null) {
  await tx
    .insertInto('notice_opt_outs')
    .values({ agency_id: agencyId, person_id: personId, reason, recorded_by: by })
    .onConflict((oc) => oc.columns(['agency_id', 'person_id']).doNothing())
    .execute();
}

/** Removes a person's opt-out; whether there was one. */
export async function deleteOptOut(tx: Db, agencyId: number, personId: number): Promise<boolean> {
  const result = await tx
    .deleteFrom('notice_opt_outs')
    .where('agency_id', '=', agencyId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether the person opted out. */
export async function hasOptedOut(db: Db, agencyId: number, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('notice_opt_outs')
    .select(sql<number>`1`.as('one'))
    .where('agency_id', '=', agencyId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Writes a notice's outbound entry on a case's timeline (not a substantive response); returns its id. */
export async function insertTimelineEntry(
  tx: Db,
  agencyId: number,
  entry: {
    caseId: number;
    channel: 'email' | 'letter';
    authorUserId: number | null;
    subject: string;
    body: string;
    templateId: number | null;
    templateVersion: number | null;
    language: string;
    deliveryStatus: 'queued' | 'to_print';
  },
): Promise<number> {
  const row = await tx
    .insertInto('timeline_entries')
    .values({
      agency_id: agencyId,
      case_id: entry.caseId,
      kind: 'outbound',
      channel: entry.channel,
      author_user_id: entry.authorUserId,
      subject: entry.subject,
      body: entry.body,
      template_id: entry.templateId,
      template_version: entry.templateVersion,
      language: entry.language,
      substantive: false,
      delivery_status: entry.deliveryStatus,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
