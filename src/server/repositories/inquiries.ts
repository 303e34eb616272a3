// SQL of inquiries (cases whose case_details.kind is 'inquiry'): their close (satisfied or not), what the
// repeat-contact rule did on intake, the complaints opened from them, and the inquiries queue (visible cases only).
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import type { CaseDetailsTable } from '../db/schema.ts';

export type ParticipantRole = NonNullable<CaseDetailsTable['participant_role']>;

/** Records what an inquiry's intake or close decided, beside the case (the row exists for every inquiry). */
export async function updateInquiryDetails(
  tx: Db,
  agencyId: number,
  caseId: number,
  patch: {
    satisfied?: boolean;
    outcome_note?: string | null;
    closed_on?: string;
    repeat_action?: 'suggest' | 'convert';
    participant_role?: ParticipantRole | null;
  },
): Promise<void> {
  await tx
    .updateTable('case_details')
    .set(patch)
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .execute();
}

export interface InquiryDetailsRow {
  kind: 'case' | 'inquiry';
  program_case_number: string | null;
  participant_role: ParticipantRole | null;
  satisfied: boolean | null;
  outcome_note: string | null;
  closed_on: string | null;
  repeat_action: 'suggest' | 'convert' | null;
}

/** The details of one case (null when it has none: a plain case). */
export async function inquiryDetails(db: Db, agencyId: number, caseId: number): Promise<InquiryDetailsRow | null> {
  const row = await db
    .selectFrom('case_details')
    .select([
      'kind',
      'program_case_number',
      'participant_role',
      'satisfied',
      'outcome_note',
      sql<string | null>`to_char(closed_on, 'YYYY-MM-DD')`.as('closed_on'),
      'repeat_action',
    ])
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row ?? null;
}

/** The numbers of the complaints opened from the given cases, by case id, oldest first. */
export async function complaintsFromCases(db: Db, agencyId: number, caseIds: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (!caseIds.length) return map;
  const rows = await db
    .selectFrom('complaints')
    .select(['case_id', 'complaint_number'])
    .where('agency_id', '=', agencyId)
    .where('case_id', 'in', caseIds)
    .orderBy('id')
    .execute();
  for (const row of rows) map.set(row.case_id!, [...(map.get(row.case_id!) ?? []), row.complaint_number]);
  return map;
}

export interface InquiryQueueFilter {
  status?: 'open' | 'closed';
  satisfied?: boolean;
  repeat?: boolean;
  overdueAt?: Date;
  sort: 'due' | 'received' | 'tracking';
  direction: 'asc' | 'desc';
  limit: number;
}

export interface InquiryQueueRow {
  id: number;
  tracking_number: string;
  status: string;
  restricted: boolean;
  subject_code: string | null;
  subject_name: string | null;
  person_id: number | null;
  person_first_name: string | null;
  person_last_name: string | null;
  received_at: Date;
  first_response_due_at: Date | null;
  first_response_at: Date | null;
  assignee_name: string | null;
  program_case_number: string | null;
  participant_role: ParticipantRole | null;
  satisfied: boolean | null;
  closed_on: string | null;
  repeat_action: 'suggest' | 'convert' | null;
}

/** The inquiries the reader may see, filtered and sorted (open ones by their first-response clock by default). */
export async function inquiryQueue(
  ctx: CommandContext,
  filter: InquiryQueueFilter,
): Promise<{ rows: InquiryQueueRow[]; total: number }> {
  let query = ctx.db
    .selectFrom('cases as c')
    .innerJoin('case_details as d', (j) => j.onRef('d.agency_id', '=', 'c.agency_id').onRef('d.case_id', '=', 'c.id'))
    .leftJoin('subjects as s', (j) => j.onRef('s.agency_id', '=', 'c.agency_id').onRef('s.code', '=', 'c.subject_code'))
    .leftJoin('users as a', (j) => j.onRef('a.agency_id', '=', 'c.agency_id').onRef('a.id', '=', 'c.assignee_id'))
    .leftJoin('people as p', (j) => j.onRef('p.agency_id', '=', 'c.agency_id').onRef('p.id', '=', 'c.person_id'))
    .where(visibleCasesFilter(ctx))
    .where('d.kind', '=', 'inquiry')
    .where('c.merged_into_id', 'is', null);
  if (filter.status === 'open') query = query.where('c.status', '!=', 'closed');
  if (filter.status === 'closed') query = query.where('c.status', '=', 'closed');
  if (filter.satisfied !== undefined) query = query.where('d.satisfied', '=', filter.satisfied);
  if (filter.repeat !== undefined) {
    query = filter.repeat ? query.where('d.repeat_action', 'is not', null) : query.where('d.repeat_action', 'is', null);
  }
  if (filter.overdueAt) {
    query = query
      .where('c.status', '!=', 'closed')
      .where('c.first_response_at', 'is', null)
      .where('c.first_response_due_at', '<', filter.overdueAt);
  }
  const counted = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const direction = filter.direction;
  const sortColumn =
    filter.sort === 'received'
      ? sql`c.received_at`
      : filter.sort === 'tracking'
        ? sql`c.tracking_number`
        : sql`case when c.status <> 'closed' and c.first_response_at is null then c.first_response_due_at end`;
  const rows = await query
    .select([
      'c.id',
      'c.tracking_number',
      'c.status',
      'c.restricted',
      'c.subject_code',
      's.name as subject_name',
      'c.person_id',
      'p.first_name as person_first_name',
      'p.last_name as person_last_name',
      'c.received_at',
      'c.first_response_due_at',
      'c.first_response_at',
      'a.name as assignee_name',
      'd.program_case_number',
      'd.participant_role',
      'd.satisfied',
      sql<string | null>`to_char(d.closed_on, 'YYYY-MM-DD')`.as('closed_on'),
      'd.repeat_action',
    ])
    .orderBy(sql`${sortColumn} ${sql.raw(direction)} nulls last`)
    .orderBy('c.id', direction)
    .limit(filter.limit)
    .execute();
  return { rows: rows as InquiryQueueRow[], total: Number(counted.total) };
}
