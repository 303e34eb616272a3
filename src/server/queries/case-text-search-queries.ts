// Full-text search of cases for the case list and /search: a case matches by its own text, by its correspondence
// (timeline entries) or by its writer's name, among the cases the caller's filters (visibility included) keep.
//
// Ranking needs every candidate's text vector, so it is bounded for common words. The rule:
// - The matches of a recent period are ranked: a case received in it (matching by its text or its writer's name) or
//   with matching correspondence written in it. Periods are made of UTC days grouped into aligned blocks of 2^k
//   days (k = 0 … 10): the block holding today, one to three blocks before it (and the block after it, for clocks
//   running ahead), so a period reaches back from three days to over eight years. The search takes the shortest period
//   that holds at least RANKED_MATCHES matches, guessing its length from the density of matches in the last days.
// - When no period holds that many, every match is ranked (exact ranking for rarer words).
// - Ranked matches come first, by rank, then newest first; the older matches outside the period follow, newest
//   first. A cursor keeps the period of its first page, so the order does not shift while paging.
// Each period is one lookup in the GIN indexes of migration 0018, which index the text with the period keys.
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { CommandContext } from '../context.ts';
import type { Database } from '../db/schema.ts';

/** How many matches a period must hold before the ranking stops looking further back. */
export const RANKED_MATCHES = 1_000;
/** The widest period level (blocks of 1,024 days); past it the search ranks every match. */
export const MAX_PERIOD_LEVEL = 10;
const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(2000, 0, 1);

/**
 * A search period: the 2^level-day block holding `anchorDay`, the `back` blocks before it and the one after it; every
 * match when level is null.
 */
export interface SearchPeriod {
  level: number | null;
  back: number;
  anchorDay: number;
}

/** How many blocks before the anchor's a period may take. */
export const MAX_BLOCKS_BACK = 3;

/** The day number of an instant as civicdesk_search_periods counts it: whole UTC days since 2000-01-01. */
export function searchDay(at: Date): number {
  return Math.floor((at.getTime() - EPOCH_MS) / DAY_MS);
}

/** The index keys of a period (civicdesk_search_periods gives each row one key per level). */
export function periodKeys(level: number, back: number, anchorDay: number): number[] {
  const block = level * 1_000_000 + (anchorDay >> level);
  return Array.from({ length: back + 2 }, (_, i) => block + 1 - i);
}

/** How many days, the anchor day included, a period reaches back. */
export function periodDays(level: number, back: number, anchorDay: number): number {
  return anchorDay - (((anchorDay >> level) - back) << level) + 1;
}

/** The first period a search tries: the last three or four days. */
export function firstPeriod(anchorDay: number): SearchPeriod {
  return { level: 1, back: 1, anchorDay };
}

/**
 * The period to try after `period` held only `found` matches: the shortest that reaches further back and, at the
 * same density of matches, should hold RANKED_MATCHES with a margin; every match (level null) when none does.
 */
export function nextPeriod(period: SearchPeriod, found: number): SearchPeriod {
  const { anchorDay } = period;
  const days = period.level === null ? Infinity : periodDays(period.level, period.back, anchorDay);
  const daysNeeded = found === 0 ? days * 16 : (days * RANKED_MATCHES * 1.25) / found;
  let best: SearchPeriod = { level: null, back: 0, anchorDay };
  let bestDays = Infinity;
  for (let level = 0; level <= MAX_PERIOD_LEVEL; level++) {
    for (let back = 1; back <= MAX_BLOCKS_BACK; back++) {
      const reach = periodDays(level, back, anchorDay);
      if (reach > days && reach >= daysNeeded && reach < bestDays) {
        best = { level, back, anchorDay };
        bestDays = reach;
      }
    }
  }
  return best;
}

type Joined = Database & { c: Database['cases'] };
/** Cases under the caller's filters and visibility, alias `c`, without the text condition. */
export type FilteredCases = () => SelectQueryBuilder<Joined, 'c', object>;

interface Candidate {
  id: number;
  received_at: Date;
  rank: number;
}

function searchTerms(q: string) {
  // Folded like the indexed text (migration 0023), so accents and their absence find each other.
  return sql`websearch_to_tsquery('simple', civicdesk_fold(${q}))`;
}

/** A row's period keys overlap the period's (always true when every match is ranked). */
function inPeriod(column: string, period: SearchPeriod): Expression<SqlBool> {
  if (period.level === null) return sql<boolean>`true`;
  const keys = periodKeys(period.level, period.back, period.anchorDay).map((k) => sql.lit(k));
  return sql<boolean>`civicdesk_search_periods(${sql.ref(column)}) && array[${sql.join(keys)}]::int[]`;
}

/** Ids of the cases whose correspondence matches (written in the period, when one is given). */
function correspondenceMatches(ctx: CommandContext, terms: RawBuilder<unknown>, period?: SearchPeriod) {
  const query = ctx.db
    .selectFrom('timeline_entries as t')
    .select('t.case_id as id')
    .where('t.agency_id', '=', ctx.agency.id)
    .where(sql<boolean>`t.search @@ ${terms}`);
  return period ? query.where(inPeriod('t.created_at', period)) : query;
}

/** Ids of the cases whose writer's name matches (received in the period, when one is given). */
function writerMatches(ctx: CommandContext, terms: RawBuilder<unknown>, period?: SearchPeriod) {
  const query = ctx.db
    .selectFrom('people as p2')
    .innerJoin('cases as s2', (j) => j.onRef('s2.agency_id', '=', 'p2.agency_id').onRef('s2.person_id', '=', 'p2.id'))
    .select('s2.id')
    .where('p2.agency_id', '=', ctx.agency.id)
    .where(sql<boolean>`p2.search @@ ${terms}`);
  return period ? query.where(inPeriod('s2.received_at', period)) : query;
}

/**
 * Every match of the period with its rank: those by the case's own text are read with their rank straight from the
 * index lookup; those only by correspondence or by the writer's name are then joined back by primary key.
 */
async function periodMatches(
  ctx: CommandContext,
  filtered: FilteredCases,
  q: string,
  period: SearchPeriod,
): Promise<Candidate[]> {
  const terms = searchTerms(q);
  const byText = filtered()
    .select(['c.id', 'c.received_at', sql<number>`ts_rank(c.search, ${terms})`.as('rank')])
    .where(sql<boolean>`c.search @@ ${terms}`)
    .where(inPeriod('c.received_at', period));
  const byCorrespondence = correspondenceMatches(ctx, terms, period);
  const byWriter = writerMatches(ctx, terms, period);
  const byOthersOnly = filtered()
    .select(['c.id', 'c.received_at', sql<number>`ts_rank(c.search, ${terms})`.as('rank')])
    .where(
      'c.id',
      'in',
      sql<number>`(select o.id from (${byCorrespondence} union ${byWriter}) as o
        where not exists (select 1 from text_matches as m where m.id = o.id))`,
    );
  const found = ctx.db
    .with('text_matches', () => byText)
    .selectFrom('text_matches')
    .select(['id', 'received_at', 'rank'])
    .unionAll(byOthersOnly);
  // Wrapped in a plain select, as the benchmark's plan capture (and any statement log filter) expects.
  const rows = await ctx.db.selectFrom(found.as('found')).selectAll().execute();
  return rows.map((r) => ({ id: r.id, received_at: r.received_at, rank: Number(r.rank) }));
}

/** Ranked order: rank, then newest first, then the higher id. */
function byRank(a: Candidate, b: Candidate): number {
  return b.rank - a.rank || b.received_at.getTime() - a.received_at.getTime() || b.id - a.id;
}

/**
 * Matches outside the period (not ranked), newest first: the pages after the ranked ones. Reads every match, as
 * the search did before periods; only reached by paging past the ranked matches of a common word.
 */
async function olderMatches(
  ctx: CommandContext,
  filtered: FilteredCases,
  q: string,
  period: SearchPeriod,
  offset: number,
  limit: number,
): Promise<number[]> {
  if (period.level === null || limit <= 0) return [];
  const terms = searchTerms(q);
  const rows = await filtered()
    .select('c.id')
    .where('c.id', 'in', (eb) =>
      eb
        .selectFrom('cases as s1')
        .select('s1.id')
        .where('s1.agency_id', '=', ctx.agency.id)
        .where(sql<boolean>`s1.search @@ ${terms}`)
        .union(correspondenceMatches(ctx, terms))
        .union(writerMatches(ctx, terms)),
    )
    // Not a match of the period: the same three ways periodMatches finds them.
    .where(
      sql<boolean>`not (
        (c.search @@ ${terms} and ${inPeriod('c.received_at', period)})
        or exists (select 1 from timeline_entries as t where t.agency_id = c.agency_id and t.case_id = c.id
          and t.search @@ ${terms} and ${inPeriod('t.created_at', period)})
        or (${inPeriod('c.received_at', period)} and exists (select 1 from people as p2
          where p2.agency_id = c.agency_id and p2.id = c.person_id and p2.search @@ ${terms})))`,
    )
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export interface TextSearchPage {
  /** Case ids of the page in order (up to `limit`; one more tells that a next page exists). */
  ids: number[];
  /** Matches counted: every match when `exact`, else those of the ranked period (there may be more). */
  counted: number;
  exact: boolean;
  period: SearchPeriod;
}

/**
 * One page of a text search: the ranked matches of the period (chosen here on a first page, taken from the cursor
 * after it), then the older matches. `filtered` carries the caller's other filters and the visibility policy.
 */
export async function textSearchPage(
  ctx: CommandContext,
  filtered: FilteredCases,
  q: string,
  page: { offset: number; limit: number; period?: SearchPeriod; now: Date },
): Promise<TextSearchPage> {
  let period = page.period ?? firstPeriod(searchDay(page.now));
  let matches = await periodMatches(ctx, filtered, q, period);
  if (!page.period) {
    while (period.level !== null && matches.length < RANKED_MATCHES) {
      period = nextPeriod(period, matches.length);
      matches = await periodMatches(ctx, filtered, q, period);
    }
  }
  matches.sort(byRank);
  const ids = matches.slice(page.offset, page.offset + page.limit).map((m) => m.id);
  if (ids.length < page.limit) {
    const offset = Math.max(0, page.offset - matches.length);
    ids.push(...(await olderMatches(ctx, filtered, q, period, offset, page.limit - ids.length)));
  }
  return { ids, counted: matches.length, exact: period.level === null, period };
}

/** What a search text identifies directly: the end of a tracking number, a phone number's normal digits. */
export interface IdentifierQuery {
  trackingEnd: string | null;
  phone: string | null;
}

/**
 * Reads a search text as an identifier: "000123", "2026-000123" or "MAIN-2026-000123" (one word of letters, digits
 * and hyphens ending in at least three digits) may be the end of a tracking number; seven or more digits with the
 * usual separators — (212) 555-0100, +1 212.555.0100 — may be a phone number. Null when it is neither.
 */
export function identifierInQuery(q: string, normalizePhone: (phone: string) => string): IdentifierQuery | null {
  const value = q.trim();
  const trackingEnd = /^[\p{L}\p{N}-]*\d{3,}$/u.test(value) && value.length <= 60 ? value : null;
  const digits = value.replace(/\D/g, '');
  const phone = /^[+(]?[\d\s().\-/]+$/.test(value) && digits.length >= 7 ? normalizePhone(value) || null : null;
  return trackingEnd || phone ? { trackingEnd, phone } : null;
}

/**
 * The cases a search text identifies, newest first (up to `limit`): tracking numbers ending with it (read backwards
 * through the index of migration 0023) and the cases of people with that phone number.
 */
export async function identifierMatches(
  ctx: CommandContext,
  filtered: FilteredCases,
  identifier: IdentifierQuery,
  offset: number,
  limit: number,
): Promise<number[]> {
  const reversed = (text: string) => [...text].reverse().join('');
  const rows = await filtered()
    .select('c.id')
    .where((eb) => {
      const ways = [];
      if (identifier.trackingEnd) {
        const endings = [...new Set([identifier.trackingEnd, identifier.trackingEnd.toUpperCase()])];
        for (const ending of endings) ways.push(eb(sql`reverse(c.tracking_number)`, 'like', `${reversed(ending)}%`));
      }
      if (identifier.phone) {
        ways.push(
          eb(
            'c.person_id',
            'in',
            eb
              .selectFrom('person_contacts as pc')
              .select('pc.person_id')
              .where('pc.agency_id', '=', ctx.agency.id)
              .where('pc.kind', '=', 'phone')
              .where('pc.normalized', '=', identifier.phone),
          ),
        );
      }
      return eb.or(ways);
    })
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
