// People who write to the agency (constituents, representatives, advocates, elected officials' offices, media)
// and their contact details (several emails, phones and addresses each): intake look-ups, the people search,
// duplicate candidates, versioned updates, and the moves a merge makes.
import { sql, type ExpressionBuilder, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, PeopleTable, PersonContactsTable, WriterType } from '../db/schema.ts';
import type { CommandContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import {
  compartmented,
  personInsiderFilter,
  seesRestrictedCaseOf,
  underProtectiveOrder,
  visiblePeopleFilter,
  whereaboutsShownFilter,
  type PersonSight,
} from '../policies/person-access.ts';
import { normalizeAddress, normalizeEmail, normalizePhone } from '../../domain/contact-normalization.ts';

export interface IntakePerson {
  firstName: string;
  lastName: string;
  email?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  language?: string | undefined;
  kind?: WriterType | undefined;
  organisation?: string | undefined;
}

export type ContactKind = 'email' | 'phone' | 'address';

/** The stored normal form of a contact value. */
export function normalizeContact(kind: ContactKind, value: string): string {
  if (kind === 'email') return normalizeEmail(value);
  if (kind === 'phone') return normalizePhone(value);
  return normalizeAddress(value);
}

type PeopleScope = Database & { p: Database['people'] };

export type PersonRow = Selectable<PeopleTable>;
export type ContactRow = Selectable<PersonContactsTable>;
export type NewPerson = Omit<Insertable<PeopleTable>, 'agency_id'>;
export type PersonChanges = Partial<Omit<NewPerson, 'id' | 'version' | 'created_at'>>;

/** A contact as a command hands it over: the value as written, its normal form, an optional label. */
export interface ContactEntry {
  value: string;
  normalized: string;
  label: string | null;
}

/** One person by id in the agency (merged ones included), optionally locked for update. */
export async function findPerson(
  db: Db,
  agencyId: number,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<PersonRow | undefined> {
  let query = db.selectFrom('people').selectAll().where('agency_id', '=', agencyId).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** One person by id as the actor may see them (merged ones included); undefined when they do not exist for the actor. */
export async function findVisiblePerson(
  ctx: CommandContext,
  db: Db,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<PersonRow | undefined> {
  let query = db.selectFrom('people as p').selectAll('p').where('p.id', '=', id).where(visiblePeopleFilter(ctx));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Whether a person is a party under a protective order, and whether the reader is named on one of them. */
export interface WhereaboutsSight {
  protectiveOrder: boolean;
  whereaboutsShown: boolean;
}

/** What the actor sees of each of some people (see policies/person-access.ts); people not found are absent. */
export async function personSights(
  ctx: CommandContext,
  db: Db,
  ids: number[],
): Promise<Map<number, PersonSight & { visible: boolean; seesRestrictedCase: boolean } & WhereaboutsSight>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('people as p')
    .select((eb) => [
      'p.id',
      sql<boolean>`(${visiblePeopleFilter(ctx)(eb)})`.as('visible'),
      sql<boolean>`(${personInsiderFilter(ctx)(eb)})`.as('insider'),
      sql<boolean>`(${compartmented(eb)})`.as('compartmented'),
      sql<boolean>`(${seesRestrictedCaseOf(ctx)(eb)})`.as('sees_restricted_case'),
      sql<boolean>`(${underProtectiveOrder(eb)})`.as('protective_order'),
      sql<boolean>`(${whereaboutsShownFilter(ctx)(eb)})`.as('whereabouts_shown'),
    ])
    .where('p.agency_id', '=', ctx.agency.id)
    .where('p.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        visible: Boolean(r.visible),
        insider: Boolean(r.insider),
        compartmented: Boolean(r.compartmented),
        seesRestrictedCase: Boolean(r.sees_restricted_case),
        protectiveOrder: Boolean(r.protective_order),
        whereaboutsShown: Boolean(r.whereabouts_shown),
      },
    ]),
  );
}

/** Several people locked for update in id order (a fixed order, so two merges never deadlock). */
export async function lockPeople(db: Db, agencyId: number, ids: number[]): Promise<PersonRow[]> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** People by id, in no particular order. */
export async function findPeople(db: Db, agencyId: number, ids: number[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('people').selectAll().where('agency_id', '=', agencyId).where('id', 'in', ids).execute();
}

/** Inserts a person and returns the row. */
export async function insertPerson(db: Db, agencyId: number, values: NewPerson): Promise<PersonRow> {
  return db
    .insertInto('people')
    .values({ ...values, agency_id: agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Applies changes if the person is still at the version read; bumps the version. 409 when it moved meanwhile. */
export async function updatePersonRow(db: Db, current: PersonRow, changes: PersonChanges): Promise<PersonRow> {
  const row = await db
    .updateTable('people')
    .set({ ...changes, version: current.version + 1, updated_at: new Date() })
    .where('agency_id', '=', current.agency_id)
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    throw new AppError('version_conflict', `Person ${current.id} was changed at the same time. Reload and try again.`);
  }
  return row;
}

/** The contacts of some people: primary first, then in the order they were given. */
export async function contactsOf(db: Db, agencyId: number, personIds: number[]): Promise<ContactRow[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('person_contacts')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('person_id', 'in', personIds)
    .orderBy('person_id')
    .orderBy('kind')
    .orderBy('is_primary', 'desc')
    .orderBy('position')
    .orderBy('value')
    .execute();
}

/** How a contact list replaces the old one, as the editor's sight of the person allows. */
export interface ContactReplacement {
  /** The editor sees only the ordinary part: contacts given inside the compartment are kept as they are. */
  keepRestricted: boolean;
  /** New contacts are given inside the compartment (an insider editing a person who has restricted cases). */
  restrictNew: boolean;
}

/**
 * Replaces one kind of contact of a person; the first entry becomes the primary one unless a kept compartment
 * contact is primary. A contact already there keeps where it came from (its case, its restriction).
 */
export async function replaceContacts(
  db: Db,
  agencyId: number,
  personId: number,
  kind: ContactKind,
  entries: ContactEntry[],
  how: ContactReplacement = { keepRestricted: false, restrictNew: false },
): Promise<void> {
  let removal = db
    .deleteFrom('person_contacts')
    .where('agency_id', '=', agencyId)
    .where('person_id', '=', personId)
    .where('kind', '=', kind);
  if (how.keepRestricted) removal = removal.where('restricted', '=', false);
  const removed = await removal.returning(['normalized', 'case_id', 'restricted']).execute();
  const kept = how.keepRestricted
    ? await db
        .selectFrom('person_contacts')
        .select(['normalized', 'is_primary'])
        .where('agency_id', '=', agencyId)
        .where('person_id', '=', personId)
        .where('kind', '=', kind)
        .execute()
    : [];
  const keptNormalized = new Set(kept.map((k) => k.normalized));
  const origin = new Map(removed.map((r) => [r.normalized, r]));
  const fresh = entries.filter((entry) => !keptNormalized.has(entry.normalized));
  if (fresh.length === 0) return;
  const primaryKept = kept.some((k) => k.is_primary);
  await db
    .insertInto('person_contacts')
    .values(
      fresh.map((entry, index) => ({
        agency_id: agencyId,
        person_id: personId,
        kind,
        value: entry.value,
        normalized: entry.normalized,
        label: entry.label,
        is_primary: index === 0 && !primaryKept,
        position: index,
        case_id: origin.get(entry.normalized)?.case_id ?? null,
        restricted: origin.get(entry.normalized)?.restricted ?? how.restrictNew,
      })),
    )
    .execute();
}

/** Marks the contacts a case's intake gave as given inside (or outside) the compartment, as the case now is. */
export async function restrictContactsOfCase(
  db: Db,
  agencyId: number,
  caseId: number,
  restricted: boolean,
): Promise<void> {
  await db
    .updateTable('person_contacts')
    .set({ restricted })
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .execute();
}

/**
 * Moves every contact of one person to another, skipping those the other already has (same normal form); a moved
 * contact stays primary only where the receiver had none of its kind. Returns the contacts that moved.
 */
export async function moveContacts(db: Db, agencyId: number, fromId: number, toId: number): Promise<ContactRow[]> {
  const [from, to] = await Promise.all([contactsOf(db, agencyId, [fromId]), contactsOf(db, agencyId, [toId])]);
  const held = new Set(to.map((c) => `${c.kind}:${c.normalized}`));
  const kindsHeld = new Set(to.map((c) => c.kind));
  const lastPosition = Math.max(0, ...to.map((c) => c.position));
  const moving = from.filter((c) => !held.has(`${c.kind}:${c.normalized}`));
  await db.deleteFrom('person_contacts').where('agency_id', '=', agencyId).where('person_id', '=', fromId).execute();
  if (moving.length > 0) {
    await db
      .insertInto('person_contacts')
      .values(
        moving.map((c, index) => ({
          agency_id: agencyId,
          person_id: toId,
          kind: c.kind,
          value: c.value,
          normalized: c.normalized,
          label: c.label,
          is_primary: c.is_primary && !kindsHeld.has(c.kind),
          position: lastPosition + 1 + index,
          case_id: c.case_id,
          restricted: c.restricted,
        })),
      )
      .execute();
  }
  return moving.map((c) => ({ ...c, person_id: toId }));
}

/**
 * Points every case of one person (as writer or as the person written about) at another, bumping each case's
 * version so an editor holding the old one reloads. Returns the ids and tracking numbers of the cases touched.
 */
export async function repointCases(
  db: Db,
  agencyId: number,
  fromId: number,
  toId: number,
): Promise<{ id: number; tracking_number: string }[]> {
  const rows = await db
    .updateTable('cases')
    .set((eb) => ({
      person_id: eb.case().when('person_id', '=', fromId).then(toId).else(eb.ref('person_id')).end(),
      on_behalf_of_person_id: eb
        .case()
        .when('on_behalf_of_person_id', '=', fromId)
        .then(toId)
        .else(eb.ref('on_behalf_of_person_id'))
        .end(),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('agency_id', '=', agencyId)
    .where((eb) => eb.or([eb('person_id', '=', fromId), eb('on_behalf_of_person_id', '=', fromId)]))
    .returning(['id', 'tracking_number'])
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** Re-points the parties (of cases and complaints) of one person at another. */
export async function repointParties(db: Db, agencyId: number, fromId: number, toId: number): Promise<void> {
  await db
    .updateTable('case_parties')
    .set({ person_id: toId, updated_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('person_id', '=', fromId)
    .execute();
}

/** Re-points people merged earlier into `fromId` at `toId`, so a merged record is always one hop from a live one. */
export async function repointMergedPeople(db: Db, agencyId: number, fromId: number, toId: number): Promise<void> {
  await db
    .updateTable('people')
    .set({ merged_into_id: toId, updated_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('merged_into_id', '=', fromId)
    .execute();
}

export interface PeopleSearchFilters {
  /** A to_tsquery text built from words only (see queries/people-queries.ts); null for no text search. */
  tsquery: string | null;
  email: string | null;
  phone: string | null;
  kind: WriterType | null;
}

export type PeopleSearchPosition =
  { mode: 'rank'; rank: number; id: number } | { mode: 'name'; lastName: string; firstName: string; id: number };

export type PeopleSearchRow = PersonRow & { rank: number };

/**
 * Live (unmerged) people matching the filters: by rank (then id, newest first) when there is a text query, else
 * by last name, first name and id. Keyset pagination: rows after `after`. Also the total count of matches.
 */
export async function searchPeople(
  ctx: CommandContext,
  db: Db,
  filters: PeopleSearchFilters,
  after: PeopleSearchPosition | null,
  limit: number,
): Promise<{ rows: PeopleSearchRow[]; total: number }> {
  // Folded like the indexed names (migration 0023): "Rodriguez" finds "Rodríguez" and the other way round.
  const tsquery = filters.tsquery === null ? null : sql`to_tsquery('simple', civicdesk_fold(${filters.tsquery}))`;
  // ts_rank is a float4; an integer key keeps the cursor's comparison exact on either driver.
  const rank = tsquery ? sql<number>`floor(ts_rank(p.search, ${tsquery}) * 1000000)::int` : sql<number>`0`;
  // A contact given inside the compartment finds the person only for those who may see it.
  const contactFilter = (kind: ContactKind, normalized: string) => (eb: ExpressionBuilder<PeopleScope, 'p'>) =>
    eb.exists(
      eb
        .selectFrom('person_contacts as c')
        .select('c.person_id')
        .whereRef('c.agency_id', '=', 'p.agency_id')
        .whereRef('c.person_id', '=', 'p.id')
        .where('c.kind', '=', kind)
        .where('c.normalized', '=', normalized)
        .where((c) => c.or([c('c.restricted', '=', false), personInsiderFilter(ctx)(eb)])),
    );
  let base = db
    .selectFrom('people as p')
    .where('p.agency_id', '=', ctx.agency.id)
    .where('p.merged_into_id', 'is', null)
    .where(visiblePeopleFilter(ctx));
  if (tsquery) base = base.where(sql<boolean>`p.search @@ ${tsquery}`);
  if (filters.kind) base = base.where('p.kind', '=', filters.kind);
  if (filters.email !== null) base = base.where(contactFilter('email', filters.email));
  if (filters.phone !== null) base = base.where(contactFilter('phone', filters.phone));

  const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = base.selectAll('p').select(rank.as('rank'));
  if (tsquery) {
    if (after?.mode === 'rank')
      page = page.where(sql<boolean>`(${rank}, p.id) < (${after.rank}::int, ${after.id}::int)`);
    page = page.orderBy(rank, 'desc').orderBy('p.id', 'desc');
  } else {
    if (after?.mode === 'name') {
      page = page.where(
        sql<boolean>`(p.last_name, p.first_name, p.id) > (${after.lastName}::text, ${after.firstName}::text, ${after.id}::int)`,
      );
    }
    page = page.orderBy('p.last_name').orderBy('p.first_name').orderBy('p.id');
  }
  const rows = await page.limit(limit).execute();
  return { rows, total: Number(counted.n) };
}

/** Another live person sharing a contact (same kind and normal form) with the given person. */
export interface SharedContact {
  personId: number;
  kind: ContactKind;
  value: string;
}

/** Live people other than this one who share one of its emails, phones or addresses (at most `limit` pairs). */
export async function peopleSharingContacts(
  ctx: CommandContext,
  db: Db,
  personId: number,
  limit = 500,
): Promise<SharedContact[]> {
  const agencyId = ctx.agency.id;
  const sights = await personSights(ctx, db, [personId]);
  const seesAllOfMine = sights.get(personId)?.insider ?? false;
  let query = db
    .selectFrom('person_contacts as mine')
    .innerJoin('person_contacts as other', (join) =>
      join
        .onRef('other.agency_id', '=', 'mine.agency_id')
        .onRef('other.kind', '=', 'mine.kind')
        .onRef('other.normalized', '=', 'mine.normalized')
        .onRef('other.person_id', '<>', 'mine.person_id'),
    )
    .innerJoin('people as p', (join) =>
      join.onRef('p.agency_id', '=', 'other.agency_id').onRef('p.id', '=', 'other.person_id'),
    )
    .select(['other.person_id', 'other.kind', 'mine.value'])
    .where('mine.agency_id', '=', agencyId)
    .where('mine.person_id', '=', personId)
    .where('p.merged_into_id', 'is', null)
    // Neither a person nor a contact the actor may not see takes part: no suggestion hints at them.
    .where(visiblePeopleFilter(ctx))
    .where((eb) => eb.or([eb('other.restricted', '=', false), personInsiderFilter(ctx)(eb)]));
  if (!seesAllOfMine) query = query.where('mine.restricted', '=', false);
  const rows = await query.orderBy('other.person_id').limit(limit).execute();
  return rows.map((r) => ({ personId: r.person_id, kind: r.kind, value: r.value }));
}

/** A case in a person's history, as far as the actor may see it. */
export interface PersonCaseRow {
  tracking_number: string;
  subject_code: string | null;
  subject_name: string | null;
  status: string;
  received_at: Date;
  person_id: number | null;
}

/** The cases a person wrote or is written about that the actor may see, newest first (at most `limit`). */
export async function casesOfPerson(
  ctx: CommandContext,
  db: Db,
  personId: number,
  limit = 500,
): Promise<PersonCaseRow[]> {
  return db
    .selectFrom('cases as c')
    .select((eb) => [
      'c.tracking_number',
      'c.subject_code',
      eb
        .selectFrom('subjects as s')
        .select('s.name')
        .whereRef('s.agency_id', '=', 'c.agency_id')
        .whereRef('s.code', '=', 'c.subject_code')
        .limit(1)
        .as('subject_name'),
      'c.status',
      'c.received_at',
      'c.person_id',
    ])
    .where('c.agency_id', '=', ctx.agency.id)
    .where((eb) => eb.or([eb('c.person_id', '=', personId), eb('c.on_behalf_of_person_id', '=', personId)]))
    .where(visibleCasesFilter(ctx))
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}
