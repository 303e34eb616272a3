// Read models for cases: the case view (one case with names resolved) and the filtered, policy-scoped,
// keyset-paginated list behind queues, search and the API's GET /cases.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { CommandContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import { invalid, notFound } from '../errors.ts';
import { endOfLocalDay, localDate } from '../../shared/local-time.ts';
import {
  identifierInQuery,
  identifierMatches,
  MAX_BLOCKS_BACK,
  MAX_PERIOD_LEVEL,
  textSearchPage,
  type FilteredCases,
} from './case-text-search-queries.ts';
import { normalizePhone } from '../../domain/contact-normalization.ts';
import type { CaseSort, SortDirection } from '../../shared/cases.ts';

/** How far a text search's total is counted when every match is ranked. */
export const TOTAL_CAP = 10_000;

export type Queue = 'mine' | 'unit' | 'unassigned' | 'due_today' | 'overdue' | 'escalated' | 'elected_official';
export const QUEUES: Queue[] = ['mine', 'unit', 'unassigned', 'due_today', 'overdue', 'escalated', 'elected_official'];

/** Fields a case may lack (not coded, not routed, no facility): filter `missing`. */
export type MissingField = 'subject' | 'unit' | 'facility';
export const MISSING_FIELDS: MissingField[] = ['subject', 'unit', 'facility'];
/** Whether a case has its first response: any, none yet, or one no later than its first-response due time. */
export type FirstResponseFilter = 'any' | 'none' | 'within_standard';
export const FIRST_RESPONSE_FILTERS: FirstResponseFilter[] = ['any', 'none', 'within_standard'];
/**
 * A repeat contact: a case whose person had another case with the same subject received before it, at most this
 * many calendar days earlier in the agency's time zone (same day up to day 90 counts; day 91 does not).
 */
export const REPEAT_CONTACT_DAYS = 90;

export interface CaseListFilter {
  channel?: string[];
  subject?: string;
  status?: string[];
  /** Resolved from the unit code by listCases, so the planner sees a constant. */
  unit?: string;
  unitId?: number;
  assigneeId?: number;
  priority?: string[];
  writerType?: string[];
  personId?: number;
  q?: string;
  receivedFrom?: Date;
  receivedTo?: Date;
  /** Filters the reports' numbers drill down with (see applyReportFilters). */
  closedFrom?: Date;
  closedTo?: Date;
  openAt?: Date;
  facility?: string;
  language?: string[];
  escalatedFrom?: Date;
  escalatedTo?: Date;
  escalationLevel?: number;
  merged?: boolean;
  /** Restricted cases in or out (of those the reader may see at all). */
  restricted?: boolean;
  missing?: MissingField[];
  firstResponse?: FirstResponseFilter;
  repeatContact?: boolean;
  surveyedFrom?: Date;
  surveyedTo?: Date;
  queue?: Queue;
  sort?: CaseSort;
  direction?: SortDirection;
  limit: number;
  cursor?: string;
}

type Joined = Database & { c: Database['cases'] };

function caseViewQuery(ctx: CommandContext) {
  return ctx.db
    .selectFrom('cases as c')
    .leftJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'c.agency_id').onRef('u.id', '=', 'c.unit_id'))
    .leftJoin('subjects as s', (j) => j.onRef('s.agency_id', '=', 'c.agency_id').onRef('s.code', '=', 'c.subject_code'))
    .leftJoin('users as a', (j) => j.onRef('a.agency_id', '=', 'c.agency_id').onRef('a.id', '=', 'c.assignee_id'))
    .leftJoin('people as p', (j) => j.onRef('p.agency_id', '=', 'c.agency_id').onRef('p.id', '=', 'c.person_id'))
    .leftJoin('service_standards as ss', (j) =>
      j.onRef('ss.agency_id', '=', 'c.agency_id').onRef('ss.id', '=', 'c.service_standard_id'),
    )
    .selectAll('c')
    .select([
      'u.code as unit_code',
      'u.name as unit_name',
      's.name as subject_name',
      'a.name as assignee_name',
      'p.first_name as person_first_name',
      'p.last_name as person_last_name',
      'p.preferred_language as person_language',
      'ss.name as standard_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('person_contacts as pc')
        .select('pc.value')
        .whereRef('pc.agency_id', '=', 'c.agency_id')
        .whereRef('pc.person_id', '=', 'c.person_id')
        .where('pc.kind', '=', 'email')
        // An ordinary case never shows a contact given inside the confidential compartment.
        .where((w) => w.or([w('pc.restricted', '=', false), w('c.restricted', '=', true)]))
        .orderBy('pc.is_primary', 'desc')
        .limit(1)
        .as('person_email'),
      eb
        .selectFrom('person_contacts as pc')
        .select('pc.value')
        .whereRef('pc.agency_id', '=', 'c.agency_id')
        .whereRef('pc.person_id', '=', 'c.person_id')
        .where('pc.kind', '=', 'phone')
        // An ordinary case never shows a contact given inside the confidential compartment.
        .where((w) => w.or([w('pc.restricted', '=', false), w('c.restricted', '=', true)]))
        .orderBy('pc.is_primary', 'desc')
        .limit(1)
        .as('person_phone'),
    ])
    .where(visibleCasesFilter(ctx));
}

export type CaseViewRow = Awaited<ReturnType<ReturnType<typeof caseViewQuery>['executeTakeFirstOrThrow']>>;

/** One case with its unit, subject, assignee, person and standard resolved; 404 when not visible. */
export async function getCaseView(ctx: CommandContext, trackingNumber: string): Promise<CaseViewRow> {
  const row = await caseViewQuery(ctx).where('c.tracking_number', '=', trackingNumber).executeTakeFirst();
  if (!row) throw notFound(`Case ${trackingNumber}`);
  return row;
}

interface CursorState {
  k?: [string | null, number];
  o?: number;
  /** A text search's period (level, -1 for every match; blocks back; anchor day), kept from its first page. */
  p?: [number, number, number];
  /** The offset in the cases a search text identifies (a tracking number's end, a phone number). */
  x?: number;
}

function decodeCursor(cursor: string | undefined): CursorState {
  if (!cursor) return {};
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
    if (typeof state !== 'object' || state === null) throw new Error('not an object');
    if (state.o !== undefined && !(Number.isInteger(state.o) && state.o >= 0)) throw new Error('bad offset');
    if (state.x !== undefined && !(Number.isInteger(state.x) && state.x >= 0)) throw new Error('bad offset');
    if (state.k !== undefined && !(Array.isArray(state.k) && state.k.length === 2 && Number.isInteger(state.k[1]))) {
      throw new Error('bad key');
    }
    if (state.k?.[0] != null && Number.isNaN(new Date(state.k[0]).getTime())) throw new Error('bad date');
    if (
      state.p !== undefined &&
      !(
        Array.isArray(state.p) &&
        state.p.length === 3 &&
        Number.isInteger(state.p[0]) &&
        state.p[0] >= -1 &&
        state.p[0] <= MAX_PERIOD_LEVEL &&
        Number.isInteger(state.p[1]) &&
        state.p[1] >= 0 &&
        state.p[1] <= MAX_BLOCKS_BACK &&
        Number.isInteger(state.p[2]) &&
        Math.abs(state.p[2]) < 100_000
      )
    ) {
      throw new Error('bad period');
    }
    return state;
  } catch {
    throw invalid('cursor', 'is not a cursor this API returned; start again without it');
  }
}

const encodeCursor = (state: CursorState) => Buffer.from(JSON.stringify(state)).toString('base64url');

function applyFilters<O>(
  ctx: CommandContext,
  query: SelectQueryBuilder<Joined, 'c', O>,
  f: CaseListFilter,
  now: Date,
): SelectQueryBuilder<Joined, 'c', O> {
  let q = query.where(visibleCasesFilter(ctx));
  if (f.channel?.length) {
    const channels = f.channel;
    q = q.where((eb) => eb.or([eb('c.channel', 'in', channels), eb('c.channel_slug', 'in', channels)]));
  }
  if (f.subject) {
    const subject = f.subject;
    q = q.where((eb) => eb.or([eb('c.subject_code', '=', subject), eb('c.subject_code', 'like', `${subject}.%`)]));
  }
  if (f.status?.length) q = q.where('c.status', 'in', f.status as Database['cases']['status']['__select__'][]);
  if (f.priority?.length) q = q.where('c.priority', 'in', f.priority as never[]);
  if (f.writerType?.length) q = q.where('c.writer_type', 'in', f.writerType as never[]);
  if (f.unitId !== undefined) q = q.where('c.unit_id', '=', f.unitId);
  if (f.assigneeId !== undefined) q = q.where('c.assignee_id', '=', f.assigneeId);
  if (f.personId !== undefined) q = q.where('c.person_id', '=', f.personId);
  if (f.receivedFrom) q = q.where('c.received_at', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('c.received_at', '<=', f.receivedTo);
  q = applyReportFilters(ctx, q, f);
  if (f.queue) {
    // Written as the partial indexes' own predicate so the planner can use them.
    q = q.where('c.status', '<>', 'closed');
    switch (f.queue) {
      case 'mine':
        q = q.where('c.assignee_id', '=', ctx.actor.userId);
        break;
      case 'unit':
        q = q.where('c.unit_id', 'in', ctx.actor.unitIds.length ? ctx.actor.unitIds : [-1]);
        break;
      case 'unassigned':
        q = q.where('c.assignee_id', 'is', null);
        break;
      case 'due_today': {
        const end = endOfLocalDay(localDate(now, ctx.agency.timeZone), ctx.agency.timeZone);
        q = q.where('c.resolution_due_at', '<=', end).where('c.resolution_due_at', '>=', now);
        break;
      }
      case 'overdue':
        q = q.where((eb) =>
          eb.or([
            eb('c.resolution_due_at', '<', now),
            eb.and([eb('c.first_response_at', 'is', null), eb('c.first_response_due_at', '<', now)]),
          ]),
        );
        break;
      case 'escalated':
        q = q.where('c.escalation_level', '>', 0);
        break;
      case 'elected_official':
        q = q.where('c.writer_type', '=', 'elected_official');
        break;
    }
  }
  return q;
}

/**
 * The filters behind the reports' numbers: closed in a range, open at an instant (received before it and not closed
 * by then), facility, language, escalated in a range or at a level, merged duplicates in or out, missing fields,
 * first response, repeat contacts and survey answers given in a range. Every earlier case a repeat contact points to
 * must itself be visible to the reader, as the monthly report counts it.
 */
function applyReportFilters<O>(
  ctx: CommandContext,
  query: SelectQueryBuilder<Joined, 'c', O>,
  f: CaseListFilter,
): SelectQueryBuilder<Joined, 'c', O> {
  let q = query;
  if (f.closedFrom) q = q.where('c.closed_at', '>=', f.closedFrom);
  if (f.closedTo) q = q.where('c.closed_at', '<=', f.closedTo);
  if (f.openAt) {
    const at = f.openAt;
    q = q
      .where('c.received_at', '<', at)
      .where((eb) => eb.or([eb('c.closed_at', 'is', null), eb('c.closed_at', '>', at)]));
  }
  if (f.facility !== undefined) q = q.where('c.facility', '=', f.facility);
  if (f.language?.length) q = q.where('c.language', 'in', f.language);
  if (f.escalatedFrom) q = q.where('c.escalated_at', '>=', f.escalatedFrom);
  if (f.escalatedTo) q = q.where('c.escalated_at', '<=', f.escalatedTo);
  if (f.escalationLevel !== undefined) q = q.where('c.escalation_level', '=', f.escalationLevel);
  if (f.merged !== undefined) q = q.where('c.merged_into_id', f.merged ? 'is not' : 'is', null);
  if (f.restricted !== undefined) q = q.where('c.restricted', '=', f.restricted);
  for (const field of f.missing ?? []) {
    if (field === 'subject') q = q.where('c.subject_code', 'is', null);
    if (field === 'unit') q = q.where('c.unit_id', 'is', null);
    if (field === 'facility') q = q.where((eb) => eb.or([eb('c.facility', 'is', null), eb('c.facility', '=', '')]));
  }
  if (f.firstResponse === 'any') q = q.where('c.first_response_at', 'is not', null);
  if (f.firstResponse === 'none') q = q.where('c.first_response_at', 'is', null);
  if (f.firstResponse === 'within_standard') {
    q = q
      .where('c.first_response_due_at', 'is not', null)
      .whereRef('c.first_response_at', '<=', 'c.first_response_due_at');
  }
  if (f.repeatContact !== undefined) {
    const repeat = sql<boolean>`exists (select 1 from (select c.agency_id, c.id, c.person_id, c.subject_code, c.received_at) as me
      where exists (${earlierContactQuery(ctx)}))`;
    q = q.where(f.repeatContact ? repeat : sql<boolean>`not ${repeat}`);
  }
  if (f.surveyedFrom || f.surveyedTo) {
    const { surveyedFrom, surveyedTo } = f;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('survey_responses as sr')
          .select('sr.id')
          .whereRef('sr.agency_id', '=', 'c.agency_id')
          .whereRef('sr.case_id', '=', 'c.id')
          .$if(surveyedFrom !== undefined, (s) => s.where('sr.created_at', '>=', surveyedFrom!))
          .$if(surveyedTo !== undefined, (s) => s.where('sr.created_at', '<=', surveyedTo!)),
      ),
    );
  }
  return q;
}

/**
 * An earlier visible, not merged case of the same person and subject as the case `me` (a derived row of the outer
 * case), received before it (or at the same instant with a lower id) within REPEAT_CONTACT_DAYS local days.
 */
function earlierContactQuery(ctx: CommandContext) {
  const zone = ctx.agency.timeZone;
  return ctx.db
    .selectFrom('cases as c')
    .select('c.id')
    .where(visibleCasesFilter(ctx))
    .where('c.merged_into_id', 'is', null)
    .where(
      sql<boolean>`c.agency_id = me.agency_id and c.person_id = me.person_id and c.subject_code = me.subject_code
        and (c.received_at, c.id) < (me.received_at, me.id)
        and (me.received_at at time zone ${zone})::date - (c.received_at at time zone ${zone})::date <= ${sql.lit(REPEAT_CONTACT_DAYS)}`,
    );
}

/** A page of the case list; a text search's total may be a lower bound (see searchCases). */
export interface CaseListPage {
  items: CaseViewRow[];
  total: number;
  totalIsLowerBound?: true;
  nextCursor: string | null;
}

/** A page of cases matching the filter, the total the reader may see, and the cursor of the next page. */
export async function listCases(ctx: CommandContext, filter: CaseListFilter, now = new Date()): Promise<CaseListPage> {
  const f = { ...filter };
  if (f.unit !== undefined) {
    const unit = await ctx.db
      .selectFrom('units')
      .select('id')
      .where('agency_id', '=', ctx.agency.id)
      .where('code', '=', f.unit)
      .executeTakeFirst();
    f.unitId = unit?.id ?? -1;
  }
  const cursor = decodeCursor(f.cursor);
  if (f.q) return searchCases(ctx, { ...f, q: f.q }, cursor, now);
  const sort = f.sort ?? (f.queue ? 'deadline' : 'received');
  const direction = f.direction ?? (sort === 'received' || sort === 'updated' ? 'desc' : 'asc');
  // The page's ids are chosen on cases alone (filter, order, cut); the case view's joins and contact look-ups then
  // run for those rows only. Without that split, a sort no index serves joined every matching case before the cut
  // (the administrator's whole list by last update: 80 s at 5,000,000 cases).
  let page = filteredCases(ctx, f, now)().select('c.id');
  let order: <O>(query: SelectQueryBuilder<Joined, 'c', O>) => SelectQueryBuilder<Joined, 'c', O>;
  let nextState: (row: CaseViewRow) => CursorState;
  const keyset = (sort === 'deadline' && direction === 'asc') || (sort === 'received' && direction === 'desc');
  if (!keyset) {
    // Any other column or direction pages by offset: people sort a queue to look at its first pages.
    const offset = cursor.o ?? 0;
    const dir = direction === 'asc' ? sql`asc` : sql`desc`;
    order = (query) => query.orderBy(sql`${SORT_EXPRESSIONS[sort]} ${dir} nulls last`).orderBy('c.id', direction);
    page = order(page).offset(offset);
    nextState = () => ({ o: offset + f.limit });
  } else if (sort === 'deadline') {
    // Cases without a deadline sort last; the sentinel keeps the keyset comparison a plain row comparison.
    const dueKey = sql<Date>`coalesce(c.resolution_due_at, 'infinity'::timestamptz)`;
    if (cursor.k) {
      const [due, id] = cursor.k;
      const dueValue = due === null ? sql`'infinity'::timestamptz` : sql`${new Date(due)}::timestamptz`;
      page = page.where(sql<boolean>`(${dueKey}, c.id) > (${dueValue}, ${id})`);
    }
    order = (query) => query.orderBy(dueKey).orderBy('c.id');
    page = order(page);
    nextState = (row) => ({ k: [row.resolution_due_at?.toISOString() ?? null, row.id] });
  } else {
    if (cursor.k) {
      const [received, id] = cursor.k;
      page = page.where(sql<boolean>`(c.received_at, c.id) < (${new Date(received ?? 0)}::timestamptz, ${id})`);
    }
    order = (query) => query.orderBy('c.received_at', 'desc').orderBy('c.id', 'desc');
    page = order(page);
    nextState = (row) => ({ k: [row.received_at.toISOString(), row.id] });
  }
  const view = caseViewQuery(ctx) as unknown as SelectQueryBuilder<Joined, 'c', CaseViewRow>;
  const rows = await order(view.where('c.id', 'in', page.limit(f.limit + 1))).execute();
  const items = rows.slice(0, f.limit);
  const { total } = await filteredCases(ctx, f, now)()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const last = items[items.length - 1];
  return {
    items,
    total: Number(total),
    nextCursor: rows.length > f.limit && last ? encodeCursor(nextState(last)) : null,
  };
}

/** What each sortable column orders by (the case view's aliases: c the case, s its subject). */
const SORT_EXPRESSIONS: Record<CaseSort, ReturnType<typeof sql>> = {
  deadline: sql`coalesce(c.resolution_due_at, 'infinity'::timestamptz)`,
  received: sql`c.received_at`,
  priority: sql`case c.priority when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end`,
  tracking: sql`c.tracking_number`,
  status: sql`c.status`,
  subject: sql`(select s.name from subjects s where s.agency_id = c.agency_id and s.code = c.subject_code)`,
  updated: sql`c.updated_at`,
};

/** The cases the filter keeps (visibility included), alias `c`, for counts and for the text search. */
function filteredCases(ctx: CommandContext, f: CaseListFilter, now: Date): FilteredCases {
  return () =>
    applyFilters(ctx, ctx.db.selectFrom('cases as c') as unknown as SelectQueryBuilder<Joined, 'c', object>, f, now);
}

/**
 * A text search's page (see case-text-search.ts for the ranking rule) with the case views of its rows. The total is
 * exact up to TOTAL_CAP when every match was ranked; when the ranking was bounded to a recent period it is the
 * number of matches found there, flagged as a lower bound (there may be older ones).
 */
async function searchCases(
  ctx: CommandContext,
  f: CaseListFilter & { q: string },
  cursor: CursorState,
  now: Date,
): Promise<CaseListPage> {
  // A tracking number's end or a phone number finds its cases directly; text search when it identifies none.
  const identifier = cursor.p ? null : identifierInQuery(f.q, normalizePhone);
  if (identifier) {
    const start = cursor.x ?? 0;
    const ids = await identifierMatches(ctx, filteredCases(ctx, f, now), identifier, start, f.limit + 1);
    if (ids.length > 0 || start > 0) {
      const pageIds = ids.slice(0, f.limit);
      const views = pageIds.length ? await caseViewQuery(ctx).where('c.id', 'in', pageIds).execute() : [];
      const byId = new Map(views.map((row) => [row.id, row]));
      return {
        items: pageIds.flatMap((id) => byId.get(id) ?? []),
        total: start + ids.length,
        ...(ids.length > f.limit ? { totalIsLowerBound: true as const } : {}),
        nextCursor: ids.length > f.limit ? encodeCursor({ x: start + f.limit }) : null,
      };
    }
  }
  const offset = cursor.o ?? 0;
  const period = cursor.p
    ? { level: cursor.p[0] < 0 ? null : cursor.p[0], back: cursor.p[1], anchorDay: cursor.p[2] }
    : undefined;
  const found = await textSearchPage(ctx, filteredCases(ctx, f, now), f.q, {
    offset,
    limit: f.limit + 1,
    now,
    ...(period ? { period } : {}),
  });
  const pageIds = found.ids.slice(0, f.limit);
  const views = pageIds.length ? await caseViewQuery(ctx).where('c.id', 'in', pageIds).execute() : [];
  const byId = new Map(views.map((row) => [row.id, row]));
  const items = pageIds.flatMap((id) => byId.get(id) ?? []);
  const total = Math.min(found.counted, TOTAL_CAP);
  const lowerBound = !found.exact || found.counted >= TOTAL_CAP;
  return {
    items,
    total,
    ...(lowerBound ? { totalIsLowerBound: true as const } : {}),
    nextCursor:
      found.ids.length > f.limit
        ? encodeCursor({
            o: offset + f.limit,
            p: [found.period.level ?? -1, found.period.back, found.period.anchorDay],
          })
        : null,
  };
}

/** How many open cases the reader sees in each work queue (one query). */
export async function queueCounts(ctx: CommandContext, now = new Date()): Promise<Record<Queue | 'all', number>> {
  const endOfToday = endOfLocalDay(localDate(now, ctx.agency.timeZone), ctx.agency.timeZone);
  const unitIds = ctx.actor.unitIds.length ? ctx.actor.unitIds : [-1];
  const row = await ctx.db
    .selectFrom('cases as c')
    .where(visibleCasesFilter(ctx))
    .where('c.status', '<>', 'closed')
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      sql<number>`count(*) filter (where c.assignee_id = ${ctx.actor.userId})`.as('mine'),
      sql<number>`count(*) filter (where c.unit_id in (${sql.join(unitIds)}))`.as('unit'),
      sql<number>`count(*) filter (where c.assignee_id is null)`.as('unassigned'),
      sql<number>`count(*) filter (where c.resolution_due_at >= ${now} and c.resolution_due_at <= ${endOfToday})`.as(
        'due_today',
      ),
      sql<number>`count(*) filter (where c.resolution_due_at < ${now} or (c.first_response_at is null and c.first_response_due_at < ${now}))`.as(
        'overdue',
      ),
      sql<number>`count(*) filter (where c.escalation_level > 0)`.as('escalated'),
      sql<number>`count(*) filter (where c.writer_type = 'elected_official')`.as('elected_official'),
    ])
    .executeTakeFirstOrThrow();
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as Record<Queue | 'all', number>;
}

/** The case views of the given tracking numbers the reader may see (those they may not see are simply absent). */
export async function caseViewsByTrackingNumbers(
  ctx: CommandContext,
  trackingNumbers: string[],
): Promise<CaseViewRow[]> {
  if (!trackingNumbers.length) return [];
  return caseViewQuery(ctx).where('c.tracking_number', 'in', trackingNumbers).orderBy('c.id').execute();
}

/**
 * Every case the filter matches (in the list's order), page by page as the list reads them; refused when more than
 * `max` match, so that "all matching" always means all of them.
 */
export async function allMatchingCases(
  ctx: CommandContext,
  filter: Omit<CaseListFilter, 'limit' | 'cursor'>,
  max: number,
  now = new Date(),
): Promise<CaseViewRow[]> {
  const rows: CaseViewRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCases(ctx, { ...filter, limit: 200, ...(cursor ? { cursor } : {}) }, now);
    if (page.total > max) {
      throw invalid(
        'selection',
        `matches ${page.total}${page.totalIsLowerBound ? ' or more' : ''} cases; at most ${max} change at once — narrow the filters`,
      );
    }
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length <= max);
  if (rows.length > max) throw invalid('selection', `matches more than ${max} cases; narrow the filters`);
  return rows;
}
