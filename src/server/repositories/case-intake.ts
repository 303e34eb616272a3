// The rows of one intake in one statement: the writer (same email, else same phone and last name, else a new
// person) with the contacts they gave, the case with its tracking number, a confidential case's access row, the
// inbound timeline entry and the audit event. One statement is one round trip and one transaction, whatever it
// writes; the rollup triggers on cases run inside it as they would for any insert.
import { sql, type RawBuilder } from 'kysely';
import { PREPARED, type Db } from '../db/database.ts';
import type { FieldChange, Priority, WriterType } from '../db/schema.ts';
import type { CaseRow } from './cases.ts';
import { normalizeContact, type ContactKind, type IntakePerson } from './people.ts';
import { insertCaseRow, trackingNumberSql, trackingSequenceName } from './new-cases.ts';

/** The writer of an intake as the case view shows them, after the intake. */
export interface IntakePersonRow {
  id: number;
  created: boolean;
  firstName: string;
  lastName: string;
  preferredLanguage: string;
  /** The contact the case view shows: the primary one of its kind, else the one just added. */
  email: string | null;
  phone: string | null;
}

interface PersonColumns {
  person_id: number;
  person_created: boolean;
  person_first_name: string;
  person_last_name: string;
  person_language: string;
  person_email: string | null;
  person_phone: string | null;
}

const personRow = (r: PersonColumns): IntakePersonRow => ({
  id: r.person_id,
  created: r.person_created,
  firstName: r.person_first_name,
  lastName: r.person_last_name,
  preferredLanguage: r.person_language,
  email: r.person_email,
  phone: r.person_phone,
});

/**
 * The common table expressions that find or create a person, named `name` (and `name_match`, `name_created`,
 * `name_before`, `name_added`). Every look-up is an equality on a whole index key — the contact's normal form, then
 * each match's person by primary key in a sub-select per contact — so the plan stays a few index look-ups even on a
 * database without planner statistics: embedded PGlite never gathers any, and a new PostgreSQL database has none
 * until autovacuum first analyzes it. (Joins or `order by id limit 1` over people let such a planner walk all of an
 * agency's people.)
 */
function personExpressions(
  name: string,
  agencyId: number,
  person: IntakePerson,
  /** The intake is of a restricted case: it may find its writer by contacts given inside the compartment. */
  restricted: boolean,
  /** A condition that must hold for anything to be written (intake: the configuration is still the one used). */
  precondition: RawBuilder<unknown> = sql`true`,
): RawBuilder<unknown> {
  const table = (suffix: string) => sql.id(`${name}${suffix}`);
  const probe = (kind: ContactKind, value: string | undefined) =>
    value ? normalizeContact(kind, value) || null : null;
  // The lowest id among the people, not merged away, who have this contact (and, for a phone, this last name). The
  // conditions on the person are tested on the row found by primary key, not put in its WHERE: there they would
  // let the planner pick the partial index people_by_name and read all of the agency's entries. An ordinary intake
  // never finds a person by a contact given inside the confidential compartment, nor a person flagged confidential:
  // whoever knows a safe address or a victim's email must not be able to join their record (and read its name).
  const firstMatch = (kind: ContactKind, normalized: string | null, lastName: string | null) => sql`(select min((
      select case when p.merged_into_id is null
        ${lastName === null ? sql`` : sql`and lower(p.last_name) = ${lastName}::text`}
        ${restricted ? sql`` : sql`and p.confidential_reason is null`} then p.id end
      from people p where p.agency_id = ${agencyId} and p.id = c.person_id))
    from person_contacts c where c.agency_id = ${agencyId} and c.kind = ${kind} and c.normalized = ${normalized}::text
      ${restricted ? sql`` : sql`and not c.restricted`})`;
  return sql`${table('_match')} as (
      select p.id, p.first_name, p.last_name, p.preferred_language from people p
      where ${precondition} and p.agency_id = ${agencyId} and p.id = coalesce(
        ${firstMatch('email', probe('email', person.email), null)},
        ${firstMatch('phone', probe('phone', person.phone), person.lastName.trim().toLowerCase())})
    ),
    ${table('_created')} as (
      insert into people (agency_id, first_name, last_name, preferred_language, kind, organisation)
      select ${agencyId}, ${person.firstName.trim()}::text, ${person.lastName.trim()}::text,
        ${person.language ?? 'en'}::text, ${person.kind ?? 'constituent'}::text, ${person.organisation ?? null}::text
      where ${precondition} and not exists (select 1 from ${table('_match')})
      returning id, first_name, last_name, preferred_language
    ),
    ${table('')} as (
      select id, false as created, first_name, last_name, preferred_language from ${table('_match')}
      union all
      select id, true, first_name, last_name, preferred_language from ${table('_created')}
    ),
    ${table('_before')} as (
      select c.kind, c.value, c.is_primary, c.position, c.restricted from person_contacts c
      where c.agency_id = ${agencyId} and c.person_id = (select m.id from ${table('_match')} m)
    )`;
}

/**
 * The common table expression `name_added` that adds the contacts given that the person lacks, remembering the case
 * that gave them and whether it is restricted; `caseId` may name a CTE written before it (the_case).
 */
function contactExpressions(
  name: string,
  agencyId: number,
  person: IntakePerson,
  restricted: boolean,
  caseId: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const table = (suffix: string) => sql.id(`${name}${suffix}`);
  const contacts = (['email', 'phone', 'address'] as const)
    .map((kind) => ({ kind, value: person[kind] }))
    .filter((c): c is { kind: ContactKind; value: string } => Boolean(c.value))
    .map((c) => ({ kind: c.kind, value: c.value.trim(), normalized: normalizeContact(c.kind, c.value) }))
    .filter((c) => c.normalized);
  return sql`${table('_added')} as (
      -- The first contact of its kind is the primary one; later ones go after those already there. A contact given
      -- inside the compartment that an ordinary case now gives too becomes an ordinary fact.
      insert into person_contacts (agency_id, person_id, kind, value, normalized, label, is_primary, position, case_id,
        restricted)
      select ${agencyId}, w.id, v.kind, v.value, v.normalized, null,
        not exists (select 1 from ${table('_before')} b where b.kind = v.kind),
        coalesce((select max(b.position) + 1 from ${table('_before')} b where b.kind = v.kind), 0),
        ${caseId}, ${restricted}::boolean
      from ${table('')} w
      cross join unnest(${contacts.map((c) => c.kind)}::text[], ${contacts.map((c) => c.value)}::text[],
        ${contacts.map((c) => c.normalized)}::text[]) as v(kind, value, normalized)
      on conflict (agency_id, person_id, kind, normalized) do update
        set restricted = false, case_id = excluded.case_id
        where person_contacts.restricted and not excluded.restricted
      returning kind, value
    )`;
}

/** The person's columns of the answer, as the case view reads them once the intake is committed. */
function personColumns(name: string, restricted: boolean): RawBuilder<unknown> {
  const table = (suffix: string) => sql.id(`${name}${suffix}`);
  // A contact already there keeps its place; a new one is primary only when the person had none of its kind. An
  // ordinary case never shows a contact given inside the compartment.
  const shown = (kind: ContactKind) => sql`coalesce(
      (select b.value from ${table('_before')} b where b.kind = ${kind}
        ${restricted ? sql`` : sql`and not b.restricted`} order by b.is_primary desc limit 1),
      (select a.value from ${table('_added')} a where a.kind = ${kind} limit 1))`;
  return sql`w.created as person_created, w.first_name as person_first_name,
    w.last_name as person_last_name, w.preferred_language as person_language,
    ${shown('email')} as person_email, ${shown('phone')} as person_phone`;
}

/**
 * Finds the person an incoming item is from — same email, else same phone with the same last name — or creates
 * one, and adds the contacts given that the person lacks. One statement.
 */
export async function findOrCreatePersonForIntake(
  db: Db,
  agencyId: number,
  person: IntakePerson,
  restricted = false,
): Promise<IntakePersonRow> {
  const result = await sql<PersonColumns>`${PREPARED}with ${personExpressions('writer', agencyId, person, restricted)},
    ${contactExpressions('writer', agencyId, person, restricted, sql`null::int`)}
    select w.id as person_id, ${personColumns('writer', restricted)} from writer w`.execute(db);
  return personRow(result.rows[0]!);
}

/** Everything about a new case that is decided before it is written. */
export interface IntakeCaseValues {
  agencyId: number;
  /** The sequence of the agency and year, and the tracking number's text before the number ("OCS-2026-"). */
  trackingSequence: string;
  trackingHead: string;
  channel: string;
  channelSlug: string | null;
  subjectCode: string | null;
  description: string;
  title: string | null;
  receivedAt: Date;
  status: 'new' | 'triaged';
  priority: Priority;
  language: string;
  writerType: WriterType;
  onBehalfOfPersonId: number | null;
  unitId: number | null;
  facility: string | null;
  restricted: boolean;
  tags: string[];
  serviceStandardId: number | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  escalationLevel: number;
  externalId: string | null;
  /** A user to name on the case (case_access), so that whoever logs a confidential case keeps sight of it. */
  grantAccessTo: number | null;
  /**
   * The agencies.config_version the values were decided with, when that configuration came from the cache unchecked:
   * the statement then writes nothing if the configuration has changed since (see insertIntakeCase).
   */
  configVersion: number | null;
  audit: {
    actorUserId: number | null;
    actorLabel: string;
    requestId: string | null;
    /** The field changes of the event; the entry of field `person_id` gets the writer's id. */
    changes: FieldChange[];
    reason: string | null;
  };
}

/**
 * Holds, until the transaction ends, the lock on the writer's normalised email (else phone) within the agency, so two
 * intakes of the same new writer at the same moment make one person: the second waits and then finds the first's.
 * Nothing to lock without a contact. Each statement after it sees what the first intake committed.
 */
export async function lockIntakeWriter(db: Db, agencyId: number, person: IntakePerson): Promise<void> {
  const email = person.email ? normalizeContact('email', person.email) : '';
  const phone = person.phone ? normalizeContact('phone', person.phone) : '';
  const key = email ? `email:${email}` : phone ? `phone:${phone}` : '';
  if (!key) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`intake-writer:${agencyId}:${key}`}::text, 0))`.execute(db);
}

/** The error PostgreSQL gives when the tracking-number sequence of the agency and year does not exist yet. */
export const isMissingSequence = (error: unknown) => (error as { code?: string }).code === '42P01';

// Numbers come from a sequence per agency and year without a row lock, so concurrent intakes never queue behind
// each other (a rolled-back intake leaves a gap).
export { trackingSequenceName } from './new-cases.ts';

/** Creates the tracking-number sequence of an agency and year if it is missing. */
export async function createTrackingSequence(db: Db, agencyId: number, year: number): Promise<void> {
  try {
    await sql.raw(`create sequence if not exists ${trackingSequenceName(agencyId, year)}`).execute(db);
  } catch (raced) {
    // Two intakes creating the year's sequence at the same moment: the loser's "if not exists" can still fail.
    if (!['23505', '42P07'].includes((raced as { code?: string }).code ?? '')) throw raced;
  }
}

/**
 * Writes a new case and its rows in one statement: the writer found or created (`person.find`) or already known
 * (`person.known`), then the case numbered from the agency-year sequence, the access row of a confidential case,
 * the inbound timeline entry and the audit event. Null, having written nothing, when `configVersion` is given and
 * the agency's configuration has moved on; fails with isMissingSequence when the year's sequence is new.
 */
export async function insertIntakeCase(
  db: Db,
  values: IntakeCaseValues,
  person: { find: IntakePerson } | { known: IntakePersonRow },
): Promise<{ row: CaseRow; person: IntakePersonRow } | null> {
  const v = values;
  const current =
    v.configVersion === null
      ? sql`true`
      : sql`exists (select 1 from agencies where id = ${v.agencyId} and config_version = ${v.configVersion}::int)`;
  const personIndex = v.audit.changes.findIndex((c) => c.field === 'person_id');
  const changes = sql`${JSON.stringify(v.audit.changes)}::jsonb`;
  const auditChanges =
    personIndex < 0
      ? changes
      : sql`jsonb_set(${changes}, ${[String(personIndex), 'new']}::text[], to_jsonb(c.person_id))`;
  const writer =
    'find' in person
      ? personExpressions('writer', v.agencyId, person.find, v.restricted, current)
      : sql`writer as (select ${person.known.id}::int as id where ${current})`;
  const statement = sql<CaseRow & Partial<PersonColumns>>`${PREPARED}with ${writer},
    the_case as (
      ${insertCaseRow(
        {
          agency_id: sql`${v.agencyId}::int`,
          tracking_number: trackingNumberSql(sql`${v.trackingHead}::text`, sql.ref('t.n')),
          channel: sql`${v.channel}::text`,
          channel_slug: sql`${v.channelSlug}::text`,
          subject_code: sql`${v.subjectCode}::text`,
          description: sql`${v.description}::text`,
          received_at: sql`${v.receivedAt}::timestamptz`,
          status: sql`${v.status}::text`,
          priority: sql`${v.priority}::text`,
          language: sql`${v.language}::text`,
          writer_type: sql`${v.writerType}::text`,
          person_id: sql.ref('t.id'),
          on_behalf_of_person_id: sql`${v.onBehalfOfPersonId}::int`,
          unit_id: sql`${v.unitId}::int`,
          facility: sql`${v.facility}::text`,
          restricted: sql`${v.restricted}::boolean`,
          tags: sql`${v.tags}::text[]`,
          service_standard_id: sql`${v.serviceStandardId}::int`,
          first_response_due_at: sql`${v.firstResponseDueAt}::timestamptz`,
          resolution_due_at: sql`${v.resolutionDueAt}::timestamptz`,
          escalation_level: sql`${v.escalationLevel}::int`,
          external_id: sql`${v.externalId}::text`,
        },
        sql`(select w.id, nextval(${v.trackingSequence}::regclass) as n from writer w) t`,
      )}
      returning *
    ),
    ${
      v.grantAccessTo
        ? sql`the_access as (
      insert into case_access (agency_id, case_id, user_id) select agency_id, id, ${v.grantAccessTo}::int from the_case
    ),`
        : sql``
    }
    ${
      'find' in person
        ? sql`${contactExpressions('writer', v.agencyId, person.find, v.restricted, sql`(select id from the_case)`)},`
        : sql``
    }
    the_entry as (
      insert into timeline_entries (agency_id, case_id, kind, channel, subject, body, language, created_at)
      select agency_id, id, 'inbound', channel, ${v.title}::text, description, language, received_at from the_case
    ),
    the_audit as (
      insert into audit_events (agency_id, actor_user_id, actor_label, action, entity_type, entity_id, case_id, changes,
        reason, request_id)
      select c.agency_id, ${v.audit.actorUserId}::int, ${v.audit.actorLabel}::text, 'case.created', 'case',
        c.tracking_number, c.id, ${auditChanges}, ${v.audit.reason}::text, ${v.audit.requestId}::text
      from the_case c
    )
    select c.*${'find' in person ? sql`, ${personColumns('writer', v.restricted)}` : sql``}
    from the_case c cross join writer w`;
  const result = await statement.execute(db);
  const written = result.rows[0];
  if (!written) return null;
  if (!('find' in person)) return { row: written, person: person.known };
  const { person_created, person_first_name, person_last_name, person_language, person_email, person_phone, ...row } =
    written as CaseRow & PersonColumns;
  return {
    row: row as CaseRow,
    person: personRow({
      person_id: row.person_id!,
      person_created,
      person_first_name,
      person_last_name,
      person_language,
      person_email,
      person_phone,
    }),
  };
}
