// Legacy CRM history → cases: one row per item (external_id, received_at, channel, subject, unit, status,
// first_response_at, closed_at, language, first_name, last_name, email, phone, address, description,
// writer_type), validated like intake, people found or created by email / phone (a batch at a time, with
// findOrCreatePersonForIntake's rules), idempotent on external_id per channel; the file owns every field it gives.
import type { Db } from '../../db/database.ts';
import type { CaseStatus, WriterType } from '../../db/schema.ts';
import {
  analyzeCaseKeys,
  analyzeContactKeys,
  analyzeImportedTable,
  ensureSubjects,
  ensureUnits,
  findImportPeopleByContacts,
  insertImportedContacts,
  insertImportedPeople,
} from '../../repositories/imports.ts';
import { isChannelType, WRITER_TYPES } from '../../../shared/vocabulary.ts';
import { isLanguageCode } from '../../../shared/languages.ts';
import { normalizeAddress, normalizeEmail, normalizePhone } from '../../../domain/contact-normalization.ts';
import { hashPrepared, writeImportedCases, type PreparedCase } from './case-writer.ts';
import { RowRejected, type ImportHandler, type ImportRow } from './import-runner.ts';
import { parseImportTime } from './import-times.ts';
import { loadIntakePlanner } from './intake-plan.ts';
import { normalizeLanguage } from './call-centre.ts';

const STATUSES: CaseStatus[] = [
  'new',
  'triaged',
  'assigned',
  'in_progress',
  'waiting_on_constituent',
  'responded',
  'closed',
];

interface LegacyPerson {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address: string;
}

type LegacyCase = PreparedCase & { hash: string; person: LegacyPerson; unitCode: string | null };

/** The handler of `civicdesk import cases`. */
export async function legacyCasesHandler(
  db: Db,
  agency: { id: number },
  options: { createUnknown?: boolean; actorLabel: string },
): Promise<ImportHandler<LegacyCase>> {
  const planner = await loadIntakePlanner(db, agency.id);
  const timeZone = planner.clock.timeZone;
  const channels = planner.channels;
  const createdSubjects = new Set<string>();
  const createdUnits = new Set<string>();

  const time = (get: (c: string) => string, column: string, required = false): Date | null => {
    const text = get(column);
    if (!text) {
      if (required) throw new RowRejected(column, 'is empty');
      return null;
    }
    const value = parseImportTime(text, timeZone);
    if (!value) throw new RowRejected(column, `"${text.slice(0, 40)}" is not an ISO 8601 date and time`);
    if (value.getTime() > Date.now() + 5 * 60_000) throw new RowRejected(column, 'is in the future');
    if (value.getTime() < Date.UTC(1990, 0, 1)) throw new RowRejected(column, 'is before 1990; check the year');
    return value;
  };

  return {
    kind: 'cases',
    keyColumn: 'external_id',
    duplicateOf: 'same external_id',
    columns: [
      'external_id',
      'received_at',
      'channel',
      'subject',
      'unit',
      'status',
      'first_response_at',
      'closed_at',
      'language',
      'first_name',
      'last_name',
      'email',
      'phone',
      'address',
      'description',
      'writer_type',
    ].map((name) => ({ name, required: ['external_id', 'received_at', 'channel'].includes(name) })),
    parse(get) {
      const externalId = get('external_id');
      if (!externalId) throw new RowRejected('external_id', 'is empty');
      if (externalId.length > 100) throw new RowRejected('external_id', 'is longer than 100 characters');
      const receivedAt = time(get, 'received_at', true)!;
      const channelText = get('channel');
      if (!channelText) throw new RowRejected('channel', 'is empty');
      const configured = channels.find((c) => c.slug === channelText);
      const channelType = configured?.type ?? channelText.toLowerCase();
      if (!configured && !isChannelType(channelType)) {
        throw new RowRejected('channel', `"${channelText}" is not a channel of this agency`);
      }
      const slug = configured?.slug ?? channels.find((c) => c.type === channelType && c.active)?.slug ?? null;
      let subject: string | null = get('subject') || null;
      if (subject) {
        const known = planner.subjects.get(subject) ?? planner.subjects.get(subject.toUpperCase());
        if (known) subject = planner.subjects.has(subject) ? subject : subject.toUpperCase();
        else if (options.createUnknown) createdSubjects.add((subject = subject.toUpperCase()));
        else
          throw new RowRejected(
            'subject',
            `"${subject}" is not a subject code of this agency (or use --create-unknown)`,
          );
      }
      let unitCode: string | null = get('unit') || null;
      if (unitCode) {
        const code = planner.units.has(unitCode) ? unitCode : unitCode.toUpperCase();
        if (planner.units.has(code)) unitCode = code;
        else if (options.createUnknown) createdUnits.add((unitCode = code));
        else throw new RowRejected('unit', `"${unitCode}" is not a unit code of this agency (or use --create-unknown)`);
      }
      const languageText = get('language');
      const language = languageText ? normalizeLanguage(languageText)! : 'en';
      if (!isLanguageCode(language)) throw new RowRejected('language', `"${languageText}" is not a supported language`);
      const writerText = get('writer_type').toLowerCase();
      const writerType = (writerText || 'constituent') as WriterType;
      if (!WRITER_TYPES.includes(writerType)) {
        throw new RowRejected('writer_type', `must be one of ${WRITER_TYPES.join(', ')}`);
      }
      const person: LegacyPerson = {
        firstName: get('first_name').slice(0, 200),
        lastName: get('last_name').slice(0, 200),
        email: get('email'),
        phone: get('phone'),
        address: get('address').slice(0, 1000),
      };
      if (!person.firstName && !person.lastName && !person.email && !person.phone) {
        throw new RowRejected('email', 'the person needs a name, an email or a phone number');
      }
      if (person.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(person.email)) {
        throw new RowRejected('email', 'is not an email address');
      }
      if (person.phone && person.phone.replace(/\D/g, '').length < 7) {
        throw new RowRejected('phone', 'needs at least 7 digits');
      }
      const description = get('description');
      if (description.length > 100_000) throw new RowRejected('description', 'is longer than 100,000 characters');
      const firstResponseAt = time(get, 'first_response_at');
      let closedAt = time(get, 'closed_at');
      if (firstResponseAt && firstResponseAt < receivedAt) {
        throw new RowRejected('first_response_at', 'is before received_at');
      }
      if (closedAt && closedAt < receivedAt) throw new RowRejected('closed_at', 'is before received_at');
      const statusText = get('status')
        .toLowerCase()
        .replace(/[\s-]+/g, '_');
      let status: CaseStatus | null = statusText === 'open' ? null : (statusText as CaseStatus) || null;
      if (status && !STATUSES.includes(status)) {
        throw new RowRejected('status', `must be one of ${STATUSES.join(', ')} (or open)`);
      }
      if (!status && closedAt) status = 'closed';
      if (status === 'closed' && !closedAt) throw new RowRejected('closed_at', 'is needed when the status is closed');
      if (status !== 'closed' && closedAt) throw new RowRejected('closed_at', `is given but the status is ${status}`);
      if (status !== 'closed') closedAt = null;
      const decision = planner.decide({
        channel: channelType,
        channelSlug: slug,
        subject,
        text: description,
        writerType,
        language,
        facility: null,
        receivedAt,
        unitCode,
      });
      const values: PreparedCase['values'] = {
        channel: channelType,
        channel_slug: slug,
        subject_code: subject,
        description,
        received_at: receivedAt.toISOString(),
        status: status ?? (decision.unitCode ? 'triaged' : 'new'),
        priority: decision.priority,
        language,
        writer_type: writerType,
        person_id: null,
        unit_id: null,
        facility: null,
        tags: decision.tags,
        service_standard_id: decision.standardId,
        first_response_due_at: decision.firstResponseDueAt?.toISOString() ?? null,
        resolution_due_at: decision.resolutionDueAt?.toISOString() ?? null,
        first_response_at: firstResponseAt?.toISOString() ?? null,
        closed_at: closedAt?.toISOString() ?? null,
        escalation_level: decision.escalationLevel,
        external_id: externalId,
        external_data: null,
      };
      const hash = hashPrepared({ ...values, person, unitCode: decision.unitCode } as never, [
        ...Object.keys(values),
        'person',
        'unitCode',
      ]);
      return {
        key: `${channelType}\u0000${externalId}`,
        value: {
          values,
          trackingYear: decision.trackingYear,
          reason: decision.reason,
          hash,
          person,
          unitCode: decision.unitCode,
        },
      };
    },
    async refreshStatistics(tx) {
      await analyzeCaseKeys(tx);
      await analyzeContactKeys(tx);
    },
    async analyze(on) {
      await analyzeImportedTable(on, 'cases');
      await analyzeImportedTable(on, 'person_contacts');
    },
    async write(tx, rows) {
      if (createdSubjects.size) {
        await ensureSubjects(
          tx,
          agency.id,
          [...createdSubjects].map((code) => ({ code, name: code, parentCode: null })),
        );
      }
      const unitIds = await ensureUnits(
        tx,
        agency.id,
        [...createdUnits].map((code) => ({ code, name: code })),
      );
      for (const row of rows) {
        const code = row.value.unitCode;
        row.value.values.unit_id = code ? (unitIds.get(code) ?? planner.units.get(code) ?? null) : null;
      }
      const byChannel = new Map<string, ImportRow<LegacyCase>[]>();
      for (const row of rows) {
        const list = byChannel.get(row.value.values.channel) ?? [];
        list.push({ ...row, key: row.value.values.external_id });
        byChannel.set(row.value.values.channel, list);
      }
      const total = { created: 0, updated: 0, unchanged: 0 };
      for (const [channel, list] of byChannel) {
        const result = await writeImportedCases(
          tx,
          { id: agency.id, trackingPrefix: planner.clock.trackingPrefix, actorLabel: options.actorLabel },
          channel,
          list,
          'all',
          { beforeWrite: (toWrite) => resolvePeople(tx, agency.id, toWrite as ImportRow<LegacyCase>[]) },
        );
        total.created += result.created;
        total.updated += result.updated;
        total.unchanged += result.unchanged;
      }
      return total;
    },
  };
}

/**
 * Finds or creates the people of a batch with findOrCreatePersonForIntake's rules (same email; else same phone and
 * last name), with one look-up query, one insert of the new people and one insert of their contacts.
 */
async function resolvePeople(tx: Db, agencyId: number, rows: ImportRow<LegacyCase>[]): Promise<void> {
  if (!rows.length) return;
  const emails = [
    ...new Set(rows.map((r) => r.value.person.email && normalizeEmail(r.value.person.email)).filter(Boolean)),
  ];
  const phones = [
    ...new Set(rows.map((r) => r.value.person.phone && normalizePhone(r.value.person.phone)).filter(Boolean)),
  ];
  const found = await findImportPeopleByContacts(tx, agencyId, emails, phones);
  const byEmail = new Map<string, number>();
  const byPhone = new Map<string, number>();
  for (const r of found) {
    if (r.kind === 'email' && !byEmail.has(r.normalized)) byEmail.set(r.normalized, r.id);
    if (r.kind === 'phone' && !byPhone.has(`${r.normalized}|${r.last_name}`))
      byPhone.set(`${r.normalized}|${r.last_name}`, r.id);
  }
  const newPeople: { row: ImportRow<LegacyCase>; keys: string[] }[] = [];
  const pending = new Map<string, ImportRow<LegacyCase>[]>();
  for (const row of rows) {
    const p = row.value.person;
    const email = p.email ? normalizeEmail(p.email) : '';
    const phoneKey = p.phone ? `${normalizePhone(p.phone)}|${p.lastName.toLowerCase()}` : '';
    const id = (email && byEmail.get(email)) || (phoneKey && byPhone.get(phoneKey)) || undefined;
    if (id) {
      row.value.values.person_id = id;
      continue;
    }
    // Two rows of one batch from the same new writer share one new person.
    const key = email ? `e:${email}` : phoneKey ? `p:${phoneKey}` : '';
    if (key && pending.has(key)) {
      pending.get(key)!.push(row);
      continue;
    }
    newPeople.push({ row, keys: [key] });
    if (key) pending.set(key, [row]);
  }
  if (newPeople.length) {
    const ids = await insertImportedPeople(
      tx,
      agencyId,
      newPeople.map(({ row }) => ({
        first_name: row.value.person.firstName,
        last_name: row.value.person.lastName,
        kind: row.value.values.writer_type,
        preferred_language: row.value.values.language,
      })),
    );
    newPeople.forEach(({ row, keys }, i) => {
      row.value.values.person_id = ids[i]!;
      for (const other of keys[0] ? (pending.get(keys[0]) ?? []) : []) other.value.values.person_id = ids[i]!;
    });
  }
  // Contacts of every row, as findOrCreatePersonForIntake adds them (a contact already there is kept).
  const contacts = new Map<string, { person_id: number; kind: string; value: string; normalized: string }>();
  for (const row of rows) {
    const personId = row.value.values.person_id!;
    const p = row.value.person;
    const add = (kind: string, value: string, normalized: string) => {
      if (normalized && !contacts.has(`${personId}|${kind}|${normalized}`)) {
        contacts.set(`${personId}|${kind}|${normalized}`, { person_id: personId, kind, value, normalized });
      }
    };
    if (p.email) add('email', p.email, normalizeEmail(p.email));
    if (p.phone) add('phone', p.phone, normalizePhone(p.phone));
    if (p.address) add('address', p.address, normalizeAddress(p.address));
  }
  await insertImportedContacts(tx, agencyId, [...contacts.values()]);
}
