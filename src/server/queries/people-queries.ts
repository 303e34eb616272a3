// Read models of people: the search list (text, email, phone, kind; ranked; keyset cursor), one person with
// contacts and the history of cases the caller may see, and the duplicate suggestions for a person.
import type { CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { ConfidentialReason, WriterType } from '../db/schema.ts';
import { invalid, notFound } from '../errors.ts';
import {
  casesOfPerson,
  contactsOf,
  findPeople,
  findVisiblePerson,
  peopleSharingContacts,
  personSights,
  searchPeople,
  type ContactKind,
  type ContactRow,
  type PeopleSearchPosition,
  type PersonRow,
} from '../repositories/people.ts';
import { normalizeEmail, normalizeName, normalizePhone } from '../../domain/contact-normalization.ts';

export interface PersonContact {
  value: string;
  label: string | null;
  isPrimary: boolean;
}

export interface Person {
  id: number;
  firstName: string;
  lastName: string;
  kind: WriterType;
  organisation: string | null;
  preferredLanguage: string;
  interpretationNeeded: boolean;
  accessibilityNeeds: string[];
  notes: string | null;
  /** Why the person is kept inside the confidential compartment (protective order, …), or null. */
  confidentialReason: ConfidentialReason | null;
  emails: PersonContact[];
  phones: PersonContact[];
  addresses: PersonContact[];
  mergedIntoId: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PersonCase {
  trackingNumber: string;
  subjectCode: string | null;
  subjectName: string | null;
  status: string;
  receivedAt: string;
  /** writer: the person wrote in; onBehalfOf: someone wrote about this person. */
  role: 'writer' | 'onBehalfOf';
}

export type DuplicateReason = 'sameEmail' | 'samePhone' | 'sameNameAndAddress';

export interface DuplicateSuggestion {
  person: Person;
  reasons: { reason: DuplicateReason; value: string }[];
}

const contactListNames: Record<ContactKind, 'emails' | 'phones' | 'addresses'> = {
  email: 'emails',
  phone: 'phones',
  address: 'addresses',
};

function present(row: PersonRow, contacts: ContactRow[]): Person {
  const person: Person = {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    kind: row.kind,
    organisation: row.organisation,
    preferredLanguage: row.preferred_language,
    interpretationNeeded: row.interpretation_needed,
    accessibilityNeeds: row.accessibility_needs,
    notes: row.notes,
    confidentialReason: row.confidential_reason,
    emails: [],
    phones: [],
    addresses: [],
    mergedIntoId: row.merged_into_id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
  for (const c of contacts) {
    if (c.person_id !== row.id) continue;
    person[contactListNames[c.kind]].push({ value: c.value, label: c.label, isPrimary: c.is_primary });
  }
  return person;
}

/**
 * People rows with their contacts, in the order given; contacts given inside the confidential compartment only for
 * those who may see one of the person's restricted cases.
 */
export async function presentPeople(
  ctx: CommandContext,
  db: Db,
  rows: PersonRow[],
  options: { discloseWhereabouts?: boolean } = {},
): Promise<Person[]> {
  const ids = rows.map((r) => r.id);
  const [contacts, sights] = await Promise.all([contactsOf(db, ctx.agency.id, ids), personSights(ctx, db, ids)]);
  const shown = contacts.filter((c) => {
    const sight = sights.get(c.person_id);
    if (c.restricted && sight?.insider !== true) return false;
    // Whereabouts under a protective order: never in a list; in one record's view only for the staff named on it
    // (the caller audits that disclosure).
    if (c.kind === 'address' && sight?.protectiveOrder !== false) {
      return options.discloseWhereabouts === true && sight?.whereaboutsShown === true;
    }
    return true;
  });
  return rows.map((row) => present(row, shown));
}

/**
 * One person with contacts (merged ones too: they answer with mergedIntoId); 404 when there is none for the actor.
 * The whereabouts of a person under a protective order are shown to the staff named on it (`discloseWhereabouts`,
 * whose caller audits the disclosure) and to no one else.
 */
export async function getPerson(
  ctx: CommandContext,
  db: Db,
  id: number,
  options: { discloseWhereabouts?: boolean } = {},
): Promise<Person> {
  const row = await findVisiblePerson(ctx, db, id);
  if (!row) throw notFound(`Person ${id}`);
  return (await presentPeople(ctx, db, [row], options))[0]!;
}

/** One person with contacts and the cases the caller may see: the constituent's history. */
export async function getPersonWithHistory(
  ctx: CommandContext,
  id: number,
  db: Db = ctx.db,
): Promise<Person & { cases: PersonCase[] }> {
  const person = await getPerson(ctx, db, id, { discloseWhereabouts: true });
  const cases = await casesOfPerson(ctx, db, id);
  return {
    ...person,
    cases: cases.map((c) => ({
      trackingNumber: c.tracking_number,
      subjectCode: c.subject_code,
      subjectName: c.subject_name,
      status: c.status,
      receivedAt: c.received_at.toISOString(),
      role: c.person_id === id ? 'writer' : 'onBehalfOf',
    })),
  };
}

/** Whether showing a person to the actor discloses whereabouts kept under a protective order (audited). */
export async function disclosesProtectedWhereabouts(ctx: CommandContext, id: number): Promise<boolean> {
  const sight = (await personSights(ctx, ctx.db, [id])).get(id);
  return sight?.protectiveOrder === true && sight.whereaboutsShown;
}

/** Whether a person is inside the confidential compartment (flagged, or on a restricted case): reads are audited. */
export async function isInCompartment(ctx: CommandContext, id: number): Promise<boolean> {
  return (await personSights(ctx, ctx.db, [id])).get(id)?.compartmented ?? false;
}

const MAX_SEARCH_WORDS = 8;
const MAX_WORD_LENGTH = 100;

/**
 * A to_tsquery text for what someone typed: its words (letters, digits, combining marks — any script) each as a
 * prefix, all required. Everything else (quotes, operators, %, _, backslashes) only separates words, so no input
 * can make a malformed query. Null when the input has no words.
 */
export function toPrefixTsquery(text: string): string | null {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const terms = words.slice(0, MAX_SEARCH_WORDS).map((word) => `'${word.slice(0, MAX_WORD_LENGTH)}':*`);
  return terms.length ? terms.join(' & ') : null;
}

/**
 * An email address or a phone number typed as search text: an email is one word with an @; a phone number is
 * digits with the usual separators ((212) 555-0100, +1 212.555.0100) and at least seven digits. Null otherwise.
 */
export function contactInQuery(text: string): { kind: 'email' | 'phone'; value: string } | null {
  const value = text.trim();
  if (/^[^\s@]+@[^\s@]+$/.test(value)) return { kind: 'email', value };
  if (/^[+(]?[\d\s().\-/]+$/.test(value) && value.replace(/\D/g, '').length >= 7) return { kind: 'phone', value };
  return null;
}

export interface PeopleSearchParams {
  q?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  kind?: WriterType | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface PeopleSearchResult {
  items: Person[];
  total: number;
  nextCursor: string | null;
}

// A cursor goes into URLs and so into logs and browser history: it carries the last person's id, never their name.
type PeopleCursor = { mode: 'rank'; rank: number; id: number } | { mode: 'name'; id: number };

function encodeCursor(position: PeopleCursor): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

async function decodeCursor(
  ctx: CommandContext,
  cursor: string,
  mode: PeopleSearchPosition['mode'],
): Promise<PeopleSearchPosition> {
  const wrong = () => invalid('cursor', 'is not a cursor from this list; start again from the first page');
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw wrong();
  }
  const p = position as Record<string, unknown>;
  if (!p || typeof p !== 'object' || p.mode !== mode || !Number.isInteger(p.id)) throw wrong();
  if (mode === 'rank' && Number.isInteger(p.rank)) return { mode, rank: p.rank as number, id: p.id as number };
  if (mode === 'name') {
    // The names to resume after are read again from the person the cursor names.
    const person = await ctx.db
      .selectFrom('people')
      .select(['last_name', 'first_name'])
      .where('agency_id', '=', ctx.agency.id)
      .where('id', '=', p.id as number)
      .executeTakeFirst();
    if (!person) throw wrong();
    return { mode, lastName: person.last_name, firstName: person.first_name, id: p.id as number };
  }
  throw wrong();
}

/** The people list: text search on name and organisation, exact email / phone, kind; a page and the total. */
export async function searchPeopleList(ctx: CommandContext, params: PeopleSearchParams): Promise<PeopleSearchResult> {
  const limit = params.limit ?? 25;
  // Typed into the one search box, an email address or a phone number (any format) finds its person by contact.
  const typed = params.q?.trim() ?? '';
  const contact = contactInQuery(typed);
  const hasText = typed !== '' && contact === null;
  const tsquery = hasText ? toPrefixTsquery(typed) : null;
  const emailText = params.email ?? (contact?.kind === 'email' ? contact.value : undefined);
  const phoneText = params.phone ?? (contact?.kind === 'phone' ? contact.value : undefined);
  const email = emailText === undefined ? null : normalizeEmail(emailText);
  const phone = phoneText === undefined ? null : normalizePhone(phoneText);
  // Text with no words in it (only punctuation) matches nobody rather than everybody.
  if ((hasText && tsquery === null) || email === '' || phone === '') return { items: [], total: 0, nextCursor: null };
  const mode = tsquery ? 'rank' : 'name';
  const after = params.cursor ? await decodeCursor(ctx, params.cursor, mode) : null;
  const { rows, total } = await searchPeople(
    ctx,
    ctx.db,
    { tsquery, email, phone, kind: params.kind ?? null },
    after,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor(mode === 'rank' ? { mode, rank: last.rank, id: last.id } : { mode, id: last.id })
      : null;
  return { items: await presentPeople(ctx, ctx.db, page), total, nextCursor };
}

const MAX_SUGGESTIONS = 50;

/**
 * Other live people who may be the same human: the same email, the same phone, or the same normalised name at the
 * same normalised address. Strongest first (most reasons), then oldest record first.
 */
export async function duplicateSuggestions(
  ctx: CommandContext,
  db: Db,
  personId: number,
): Promise<DuplicateSuggestion[]> {
  const me = await findVisiblePerson(ctx, db, personId);
  if (!me) throw notFound(`Person ${personId}`);
  if (me.merged_into_id !== null) return [];
  const shared = await peopleSharingContacts(ctx, db, personId);
  const candidates = await findPeople(db, ctx.agency.id, [...new Set(shared.map((s) => s.personId))]);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const myName = normalizeName(`${me.first_name} ${me.last_name}`);
  const reasons = new Map<number, DuplicateSuggestion['reasons']>();
  for (const s of shared) {
    const candidate = byId.get(s.personId);
    if (!candidate) continue;
    let reason: DuplicateReason;
    if (s.kind === 'email') reason = 'sameEmail';
    else if (s.kind === 'phone') reason = 'samePhone';
    // An address alone is shared by a whole household or shelter; only the same name there suggests a duplicate.
    else if (myName !== '' && normalizeName(`${candidate.first_name} ${candidate.last_name}`) === myName) {
      reason = 'sameNameAndAddress';
    } else continue;
    const list = reasons.get(s.personId) ?? [];
    list.push({ reason, value: s.value });
    reasons.set(s.personId, list);
  }
  const ranked = [...reasons.entries()]
    .sort(([idA, a], [idB, b]) => b.length - a.length || idA - idB)
    .slice(0, MAX_SUGGESTIONS);
  const people = await presentPeople(
    ctx,
    db,
    ranked.map(([id]) => byId.get(id)!),
  );
  return ranked.map(([, list], index) => ({ person: people[index]!, reasons: list }));
}
