// SQL for `civicdesk seed demo` (src/cli/seed-demo.ts): the agency's demo marker, the demo staff and their units, the
// translated templates, tracking numbers and ids drawn in bulk, and the rows of people, contacts, timelines and audit
// events in multi-row INSERTs. The cases themselves go through the writer of new cases (new-cases.ts), the calls and
// interpretation requests through the import writers (calls.ts, interpretations.ts).
import { sql, type Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type {
  AuditEventsTable,
  PeopleTable,
  PersonContactsTable,
  Role,
  TemplateChannel,
  TemplateResponseKind,
  TimelineEntriesTable,
} from '../db/schema.ts';
import type { BusinessCalendar } from '../../domain/types.ts';
import { trackingSequenceName } from './new-cases.ts';

/** Rows per INSERT statement. */
const CHUNK = 500;

/** The agency of a slug with its settings (where the demo marker lives), if there is one. */
export async function agencyForDemo(db: Db, slug: string) {
  return db.selectFrom('agencies').select(['id', 'settings']).where('slug', '=', slug).executeTakeFirst();
}

/** The agency, locked for the rest of the transaction, so two runs cannot both load the demo. */
export async function lockAgencyForDemo(
  tx: Db,
  agencyId: number,
): Promise<{
  id: number;
  name: string;
  settings: Record<string, unknown>;
  time_zone: string;
  calendar: BusinessCalendar;
  tracking_prefix: string;
}> {
  return tx
    .selectFrom('agencies')
    .select(['id', 'name', 'settings', 'time_zone', 'calendar', 'tracking_prefix'])
    .where('id', '=', agencyId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Records in the agency's settings that the demo is loaded (the marker every later run checks). */
export async function markDemoLoaded(tx: Db, agencyId: number, marker: Record<string, unknown>): Promise<void> {
  await tx
    .updateTable('agencies')
    .set((eb) => ({
      settings: sql`settings || jsonb_build_object('demo', ${JSON.stringify(marker)}::jsonb)`,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', agencyId)
    .execute();
}

export interface DemoStaffAccount {
  email: string;
  name: string;
  role: Role;
  units: string[];
  managedUnits?: string[];
}

/** Creates the staff accounts not there yet and their unit memberships; returns each account's id (by email). */
export async function insertDemoStaff(
  tx: Db,
  agencyId: number,
  accounts: DemoStaffAccount[],
  passwordHash: string,
): Promise<Map<string, number>> {
  const emails = accounts.map((a) => a.email);
  const existing = await tx
    .selectFrom('users')
    .select(['id', 'email'])
    .where(sql<string>`lower(email)`, 'in', emails)
    .execute();
  const known = new Set(existing.map((u) => u.email.toLowerCase()));
  const missing = accounts.filter((a) => !known.has(a.email));
  if (missing.length) {
    await tx
      .insertInto('users')
      .values(
        missing.map((a) => ({
          agency_id: agencyId,
          email: a.email,
          name: a.name,
          role: a.role,
          password_hash: passwordHash,
        })),
      )
      .execute();
  }
  const users = await tx
    .selectFrom('users')
    .select(['id', 'email'])
    .where('agency_id', '=', agencyId)
    .where(sql<string>`lower(email)`, 'in', emails)
    .execute();
  const idByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const units = await tx.selectFrom('units').select(['id', 'code']).where('agency_id', '=', agencyId).execute();
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  const memberships = accounts.flatMap((a) =>
    a.units
      .filter((code) => unitId.has(code) && idByEmail.has(a.email))
      .map((code) => ({
        agency_id: agencyId,
        user_id: idByEmail.get(a.email)!,
        unit_id: unitId.get(code)!,
        is_manager: a.managedUnits?.includes(code) ?? false,
      })),
  );
  if (memberships.length) {
    await tx
      .insertInto('unit_memberships')
      .values(memberships)
      .onConflict((oc) => oc.columns(['agency_id', 'user_id', 'unit_id']).doNothing())
      .execute();
  }
  return idByEmail;
}

export interface DemoTemplateDraft {
  language: string;
  code: string;
  name: string;
  channel: TemplateChannel;
  responseKind: TemplateResponseKind;
  text: { subject: string; body: string };
}

export interface DemoTemplateRef {
  id: number;
  version: number;
  subject: string;
  body: string;
}

/**
 * Creates the templates not there yet, each with an approved first version; returns how many were created and every
 * approved version of the agency by "code/channel/language".
 */
export async function insertDemoTemplates(
  tx: Db,
  agencyId: number,
  drafts: DemoTemplateDraft[],
): Promise<{ created: number; refs: Map<string, DemoTemplateRef> }> {
  const inserted = await tx
    .insertInto('templates')
    .values(
      drafts.map((d) => ({
        agency_id: agencyId,
        code: d.code,
        name: d.name,
        channel: d.channel,
        language: d.language,
        response_kind: d.responseKind,
      })),
    )
    .onConflict((oc) => oc.columns(['agency_id', 'code', 'channel', 'language']).doNothing())
    .returning(['id', 'code', 'channel', 'language'])
    .execute();
  const byKey = new Map(drafts.map((d) => [`${d.code}/${d.channel}/${d.language}`, d]));
  if (inserted.length) {
    await tx
      .insertInto('template_versions')
      .values(
        inserted.map((t) => {
          const draft = byKey.get(`${t.code}/${t.channel}/${t.language}`)!;
          return {
            agency_id: agencyId,
            template_id: t.id,
            version: 1,
            subject: draft.text.subject,
            body: draft.text.body,
            status: 'approved' as const,
            decided_at: new Date(),
            decision_note: 'Approved translation loaded with the demo data.',
          };
        }),
      )
      .execute();
  }
  const approved = await tx
    .selectFrom('templates as t')
    .innerJoin('template_versions as v', (j) =>
      j.onRef('v.agency_id', '=', 't.agency_id').onRef('v.template_id', '=', 't.id'),
    )
    .select(['t.id', 't.code', 't.channel', 't.language', 'v.version', 'v.subject', 'v.body'])
    .where('t.agency_id', '=', agencyId)
    .where('v.status', '=', 'approved')
    .execute();
  const refs = new Map(
    approved.map((t) => [
      `${t.code}/${t.channel}/${t.language}`,
      { id: t.id, version: t.version, subject: t.subject, body: t.body },
    ]),
  );
  return { created: inserted.length, refs };
}

/** Takes `count` numbers of a year's tracking sequence (moving it past them); returns the first. */
export async function reserveTrackingRange(tx: Db, agencyId: number, year: number, count: number): Promise<number> {
  const sequence = trackingSequenceName(agencyId, year);
  await sql.raw(`create sequence if not exists ${sequence}`).execute(tx);
  const first = await sql<{ n: number }>`select nextval(${sequence}::regclass)::int as n`.execute(tx);
  const start = first.rows[0]!.n;
  await sql`select setval(${sequence}::regclass, ${start + count - 1})`.execute(tx);
  return start;
}

/** Draws `count` ids from a table's id sequence, ascending. */
export async function allocateIds(tx: Db, table: 'cases' | 'people', count: number): Promise<number[]> {
  if (count === 0) return [];
  const result = await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id
    from generate_series(1, ${count}::int)`.execute(tx);
  return result.rows.map((r) => r.id).sort((a, b) => a - b);
}

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** The seeded rows of people, their contacts, case timelines and audit events, in multi-row INSERTs. */
export async function insertDemoRows(
  tx: Db,
  rows: {
    people?: Insertable<PeopleTable>[];
    contacts?: Insertable<PersonContactsTable>[];
    timeline?: Insertable<TimelineEntriesTable>[];
    audits?: Insertable<AuditEventsTable>[];
  },
): Promise<void> {
  await inChunks(rows.people ?? [], (chunk) => tx.insertInto('people').values(chunk).execute());
  await inChunks(rows.contacts ?? [], (chunk) => tx.insertInto('person_contacts').values(chunk).execute());
  await inChunks(rows.timeline ?? [], (chunk) => tx.insertInto('timeline_entries').values(chunk).execute());
  await inChunks(rows.audits ?? [], (chunk) => tx.insertInto('audit_events').values(chunk).execute());
}
