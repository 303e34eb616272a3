// Read models of people: the search list (text, email, phone, kind; ranked; keyset cursor), one person with
// contacts and the history of cases the caller may see, and the duplicate suggestions for a person.
import type { CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { WriterType } from '../db/schema.ts';
import { invalid, notFound } from '../errors.ts';
import {
  casesOfPerson,
  contactsOf,
  findPeople,
  findPerson,
  peopleSharingContacts,
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

/** People rows with their contacts, in the order given. */
export async function presentPeople(db: Db, agencyId: number, rows: PersonRow[]): Promise<Person[]> {
  const contacts = await contactsOf(
    db,
    agencyId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => present(row, contacts));
}

/** One person with contacts (merged ones too: they answer with mergedIntoId); 404 when there is none. */
export async function getPerson(db: Db, agencyId: number, id: number): Promise<Person> {
  const row = await findPerson(db, agencyId, id);
  if (!row) throw notFound(`Person ${id}`);
  return (await presentPeople(db, agencyId, [row]))[0]!;
}

/** One person with contacts and the cases the caller may see: the constituent's history. */
export async function getPersonWithHistory(
  ctx: CommandContext,
  id: number,
  db: Db = ctx.db,
): Promise<Person & { cases: PersonCase[] }> {
  const person = await getPerson(db, ctx.agency.id, id);
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

function encodeCursor(position: PeopleSearchPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string, mode: PeopleSearchPosition['mode']): PeopleSearchPosition {
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
  if (mode === 'name' && typeof p.lastName === 'string' && typeof p.firstName === 'string') {
    return { mode, lastName: p.lastName, firstName: p.firstName, id: p.id as number };
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
  const after = params.cursor ? decodeCursor(params.cursor, mode) : null;
  const { rows, total } = await searchPeople(
    ctx.db,
    ctx.agency.id,
    { tsquery, email, phone, kind: params.kind ?? null },
    after,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor(
          mode === 'rank'
            ? { mode, rank: last.rank, id: last.id }
            : { mode, lastName: last.last_name, firstName: last.first_name, id: last.id },
        )
      : null;
  return { items: await presentPeople(ctx.db, ctx.agency.id, page), total, nextCursor };
}

const MAX_SUGGESTIONS = 50;

/**
 * Other live people who may be the same human: the same email, the same phone, or the same normalised name at the
 * same normalised address. Strongest first (most reasons), then oldest record first.
 */
export async function duplicateSuggestions(db: Db, agencyId: number, personId: number): Promise<DuplicateSuggestion[]> {
  const me = await findPerson(db, agencyId, personId);
  if (!me) throw notFound(`Person ${personId}`);
  if (me.merged_into_id !== null) return [];
  const shared = await peopleSharingContacts(db, agencyId, personId);
  const candidates = await findPeople(db, agencyId, [...new Set(shared.map((s) => s.personId))]);
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
    db,
    agencyId,
    ranked.map(([id]) => byId.get(id)!),
  );
  return ranked.map(([, list], index) => ({ person: people[index]!, reasons: list }));
}
