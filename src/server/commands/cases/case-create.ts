// Intake: every door (API, web form, email, Open311, phone log, imports) ends here, so routing rules, service
// standards, deadlines and the audit trail behave the same whatever the channel.
import type { CommandContext } from '../../context.ts';
import { AppError, invalid, notFound, type ErrorDetail } from '../../errors.ts';
import type { Priority, WriterType } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';
import { diffFields } from '../../repositories/audit.ts';
import { contactsOf, findVisiblePerson, type IntakePerson } from '../../repositories/people.ts';
import type { CaseRow } from '../../repositories/cases.ts';
import {
  createTrackingSequence,
  findOrCreatePersonForIntake,
  insertIntakeCase,
  lockIntakeWriter,
  isMissingSequence,
  trackingSequenceName,
  type IntakeCaseValues,
  type IntakePersonRow,
} from '../../repositories/case-intake.ts';
import {
  cachedIntakeConfiguration,
  intakeConfiguration,
  type IntakeConfiguration,
} from '../../repositories/intake-configuration.ts';
import type { CaseViewRow } from '../../queries/case-list-queries.ts';
import { decideIntake } from '../../../domain/intake-decision.ts';
import { localParts } from '../../../shared/local-time.ts';
import { isLanguageCode } from '../../../shared/languages.ts';
import { isChannelType } from '../../../shared/vocabulary.ts';
import type { ChannelSettings } from '../../db/schema.ts';

export interface CreateCaseInput {
  channel: string;
  subject?: string | null | undefined;
  description: string;
  receivedAt?: string | Date | undefined;
  person: IntakePerson;
  /**
   * A person on file the caseworker picked: they are the writer as they are (no look-up by contacts, nothing added
   * to them); `person` is then not read.
   */
  personId?: number | undefined;
  onBehalfOf?: IntakePerson | undefined;
  language?: string | undefined;
  priority?: Priority | undefined;
  writerType?: WriterType | undefined;
  facility?: string | undefined;
  restricted?: boolean | undefined;
  tags?: string[] | undefined;
  externalId?: string | undefined;
  /** The inbound message's subject line (email, letter heading), kept on the timeline. */
  title?: string | undefined;
  /** Runs inside the intake transaction once the case exists (email: message ids, acknowledgement + outbox). */
  withinTransaction?: ((tx: Db, row: CaseRow) => Promise<void>) | undefined;
}

const EARLIEST_RECEIPT = Date.UTC(1990, 0, 1);
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function parseReceivedAt(value: string | Date | undefined, now: Date): Date {
  if (value === undefined) return now;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime()) || (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(value))) {
    throw invalid('receivedAt', 'must be an ISO 8601 date-time such as 2026-03-01T09:30:00-05:00');
  }
  if (date.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid('receivedAt', 'cannot be in the future');
  if (date.getTime() < EARLIEST_RECEIPT) throw invalid('receivedAt', 'is before 1990; check the year');
  return date;
}

interface ResolvedChannel {
  type: string;
  slug: string | null;
  settings: ChannelSettings;
}

/**
 * The channel a case comes through: a configured channel's slug (e.g. a hotline) or a channel type; a type uses
 * the agency's first active channel of that type, if it has one.
 */
function resolveChannel(config: IntakeConfiguration, value: string, problems: ErrorDetail[]): ResolvedChannel {
  const bySlug = config.channels.find((c) => c.slug === value);
  if (bySlug) {
    if (!bySlug.active) problems.push({ field: 'channel', message: `"${value}" is closed` });
    return { type: bySlug.type, slug: bySlug.slug, settings: bySlug.settings };
  }
  if (!isChannelType(value)) {
    problems.push({ field: 'channel', message: `"${value}" is not a channel of this agency` });
    return { type: value, slug: null, settings: {} };
  }
  const byType = config.channels.find((c) => c.type === value && c.active);
  return { type: value, slug: byType?.slug ?? null, settings: byType?.settings ?? {} };
}

function validate(config: IntakeConfiguration, input: CreateCaseInput): ResolvedChannel {
  const problems: ErrorDetail[] = [];
  const channel = resolveChannel(config, input.channel, problems);
  if (input.personId !== undefined) {
    // A person on file: their details are already checked.
  } else if (
    !input.person.firstName.trim() &&
    !input.person.lastName.trim() &&
    !input.person.email &&
    !input.person.phone
  ) {
    problems.push({ field: 'person', message: 'needs a name, an email or a phone number' });
  }
  if (input.person.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.person.email.trim())) {
    problems.push({ field: 'person.email', message: 'is not an email address' });
  }
  if (input.person.phone && input.person.phone.replace(/\D/g, '').length < 7) {
    problems.push({ field: 'person.phone', message: 'needs at least 7 digits' });
  }
  if (input.person.language && !isLanguageCode(input.person.language)) {
    problems.push({ field: 'person.language', message: `"${input.person.language}" is not a supported language code` });
  }
  if (input.language && !isLanguageCode(input.language)) {
    problems.push({ field: 'language', message: `"${input.language}" is not a supported language code` });
  }
  if (input.subject) {
    const subject = config.subjects.get(input.subject);
    if (!subject)
      problems.push({ field: 'subject', message: `"${input.subject}" is not a subject code of this agency` });
    else if (!subject.active) problems.push({ field: 'subject', message: `"${input.subject}" is no longer in use` });
  }
  if (problems.length) {
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  return channel;
}

interface Intake {
  row: CaseRow;
  person: IntakePersonRow;
  config: IntakeConfiguration;
  unitCode: string | null;
  standardName: string | null;
  /** Whether the actor was named on the case (a confidential case logged from outside its unit). */
  namedOnCase: boolean;
}

/**
 * Validates and routes the intake with one configuration, then writes it: without a person written for or writes of
 * the caller, as one statement (one round trip, one transaction); otherwise in a transaction with the same rows.
 * With `unchecked` (a cached configuration whose version nobody read), null when the statement found that the
 * configuration has changed since: nothing was written.
 */
async function intakeWith(
  ctx: CommandContext,
  input: CreateCaseInput,
  config: IntakeConfiguration,
  unchecked: boolean,
): Promise<Intake | null> {
  const now = new Date();
  const receivedAt = parseReceivedAt(input.receivedAt, now);
  const channel = validate(config, input);
  const known = input.personId === undefined ? null : await knownWriter(ctx, input.personId);
  const { clock } = config;
  const writerType = input.writerType ?? known?.kind ?? input.person.kind ?? 'constituent';
  const language = input.language ?? known?.row.preferredLanguage ?? input.person.language ?? 'en';
  const subject = input.subject || null;
  const decision = decideIntake(
    config,
    {
      channel: channel.type,
      channelSlug: channel.slug,
      subject,
      text: `${input.title ?? ''}\n${input.description}`,
      writerType,
      language,
      facility: input.facility ?? null,
      priority: input.priority,
      tags: input.tags,
    },
    { receivedAt },
  );
  const { priority, standard } = decision;
  // Tracking numbers come from a sequence per agency and year (trackingSequenceName).
  const year = localParts(now, clock.timeZone).year;
  const unitId = (decision.unitCode && config.units.get(decision.unitCode)?.id) || null;
  const restricted = input.restricted ?? false;
  const status = unitId ? ('triaged' as const) : ('new' as const);
  // Whoever logs a confidential matter from outside its unit keeps sight of it.
  const namedOnCase =
    restricted && Boolean(ctx.actor.userId) && !(unitId !== null && ctx.actor.unitIds.includes(unitId));
  const person: IntakePerson = {
    ...input.person,
    language: input.person.language ?? input.language,
    kind: input.person.kind ?? writerType,
  };
  const values: Omit<IntakeCaseValues, 'onBehalfOfPersonId'> = {
    agencyId: ctx.agency.id,
    trackingSequence: trackingSequenceName(ctx.agency.id, year),
    trackingHead: `${clock.trackingPrefix}-${year}-`,
    channel: channel.type,
    channelSlug: channel.slug,
    subjectCode: subject,
    description: input.description,
    title: input.title ?? null,
    receivedAt,
    status,
    priority,
    language,
    writerType,
    unitId,
    facility: input.facility?.trim() || null,
    restricted,
    tags: decision.tags,
    serviceStandardId: standard?.id ?? null,
    firstResponseDueAt: decision.firstResponseDueAt,
    resolutionDueAt: decision.resolutionDueAt,
    escalationLevel: decision.escalationLevel,
    externalId: input.externalId ?? null,
    grantAccessTo: namedOnCase ? ctx.actor.userId : null,
    configVersion: unchecked ? config.version : null,
    audit: {
      actorUserId: ctx.actor.userId || null,
      actorLabel: ctx.actor.name,
      requestId: ctx.requestId,
      // The writer's id is known once the statement has found or created them; it fills the person_id entry.
      changes: diffFields(null, {
        channel: channel.type,
        subject_code: subject,
        status,
        priority,
        unit: decision.unitCode,
        service_standard: standard?.name ?? null,
        first_response_due_at: decision.firstResponseDueAt,
        resolution_due_at: decision.resolutionDueAt,
        person_id: 0,
        restricted,
      }),
      reason: decision.reason,
    },
  };

  const write = async () => {
    if (known) {
      return ctx.db.transaction().execute(async (tx) => {
        const onBehalfOf = input.onBehalfOf
          ? await findOrCreatePersonForIntake(tx, ctx.agency.id, input.onBehalfOf, restricted)
          : null;
        const written = await insertIntakeCase(
          tx,
          { ...values, configVersion: null, onBehalfOfPersonId: onBehalfOf?.id ?? null },
          { known: known.row },
        );
        if (!written) throw new Error('The intake statement wrote no case.');
        if (input.withinTransaction) await input.withinTransaction(tx, written.row);
        return written;
      });
    }
    if (!input.onBehalfOf && !input.withinTransaction) {
      if (!person.email && !person.phone) {
        return insertIntakeCase(ctx.db, { ...values, onBehalfOfPersonId: null }, { find: person });
      }
      // Two intakes of the same new writer at once make one person: the lock makes the second wait for the first.
      return ctx.db.transaction().execute(async (tx) => {
        await lockIntakeWriter(tx, ctx.agency.id, person);
        return insertIntakeCase(tx, { ...values, onBehalfOfPersonId: null }, { find: person });
      });
    }
    return ctx.db.transaction().execute(async (tx) => {
      await lockIntakeWriter(tx, ctx.agency.id, person);
      const writer = await findOrCreatePersonForIntake(tx, ctx.agency.id, person, restricted);
      const onBehalfOf = input.onBehalfOf
        ? await findOrCreatePersonForIntake(tx, ctx.agency.id, input.onBehalfOf, restricted)
        : null;
      // This path always decides with a configuration whose version it read, so the statement always writes.
      const written = await insertIntakeCase(
        tx,
        { ...values, configVersion: null, onBehalfOfPersonId: onBehalfOf?.id ?? null },
        { known: writer },
      );
      if (!written) throw new Error('The intake statement wrote no case.');
      if (input.withinTransaction) await input.withinTransaction(tx, written.row);
      return written;
    });
  };
  let written;
  try {
    written = await write();
  } catch (error) {
    if (!isMissingSequence(error)) throw error;
    // The agency's first intake of the year: nothing was written; create the year's sequence and write again.
    await createTrackingSequence(ctx.db, ctx.agency.id, year);
    written = await write();
  }
  if (!written) {
    if (unchecked) return null;
    throw new Error('The intake statement wrote no case.');
  }
  return {
    ...written,
    config,
    unitCode: unitId ? decision.unitCode : null,
    standardName: standard?.name ?? null,
    namedOnCase,
  };
}

/** A person on file picked as the writer, as the actor may see them (a merged one stands for whom they joined). */
async function knownWriter(ctx: CommandContext, personId: number): Promise<{ row: IntakePersonRow; kind: WriterType }> {
  const found = await findVisiblePerson(ctx, ctx.db, personId);
  const person = found?.merged_into_id ? await findVisiblePerson(ctx, ctx.db, found.merged_into_id) : found;
  if (!person) throw invalid('personId', `there is no person ${personId} on file that you may see`);
  const contacts = (await contactsOf(ctx.db, ctx.agency.id, [person.id])).filter((c) => !c.restricted);
  return {
    row: {
      id: person.id,
      created: false,
      firstName: person.first_name,
      lastName: person.last_name,
      preferredLanguage: person.preferred_language,
      email: contacts.find((c) => c.kind === 'email')?.value ?? null,
      phone: contacts.find((c) => c.kind === 'phone')?.value ?? null,
    },
    kind: person.kind,
  };
}

/**
 * The intake with the agency's current configuration. A single-statement intake takes the cached configuration and
 * lets its statement check the version, saving a round trip; the transaction path reads the version first.
 */
async function intake(ctx: CommandContext, input: CreateCaseInput): Promise<Intake> {
  if (ctx.actor.role === 'auditor') throw new AppError('forbidden', 'Auditors have read-only access.');
  const cached =
    input.onBehalfOf || input.withinTransaction || input.personId !== undefined
      ? undefined
      : cachedIntakeConfiguration(ctx.db, ctx.agency.id);
  if (cached) {
    try {
      const written = await intakeWith(ctx, input, cached, true);
      if (written) return written;
    } catch (error) {
      // A refusal may come from a configuration changed since it was cached (a subject added meanwhile): the
      // current one decides.
      if (!(error instanceof AppError && error.code === 'validation_failed')) throw error;
      if ((await intakeConfiguration(ctx.db, ctx.agency.id)).version === cached.version) throw error;
    }
  }
  return (await intakeWith(ctx, input, await intakeConfiguration(ctx.db, ctx.agency.id), false))!;
}

/** Creates a case: finds or creates the person, applies routing rules and the service standard, sets deadlines. */
export async function createCase(ctx: CommandContext, input: CreateCaseInput): Promise<CaseRow> {
  return (await intake(ctx, input)).row;
}

/**
 * Creates a case and answers it as the case view (GET /cases/:trackingNumber) shows it, from what was just written
 * instead of reading it back. Like the view, it is 404 for an actor who may not see the new case
 * (visibleCasesFilter: a new case has no assignee and no referrals yet).
 */
export async function createCaseView(ctx: CommandContext, input: CreateCaseInput): Promise<CaseViewRow> {
  const { row, person, config, unitCode, standardName, namedOnCase } = await intake(ctx, input);
  const { actor } = ctx;
  const inActorsUnit = row.unit_id !== null && actor.unitIds.includes(row.unit_id);
  const visible =
    actor.via === 'system' ||
    ((!row.restricted || inActorsUnit || namedOnCase) &&
      (actor.role !== 'unit_liaison' || inActorsUnit || namedOnCase));
  if (!visible) throw notFound(`Case ${row.tracking_number}`);
  const unit = unitCode ? config.units.get(unitCode) : undefined;
  return {
    ...row,
    unit_code: unit ? unitCode : null,
    unit_name: unit?.name ?? null,
    subject_name: row.subject_code ? (config.subjects.get(row.subject_code)?.name ?? null) : null,
    assignee_name: null,
    person_first_name: person.firstName,
    person_last_name: person.lastName,
    person_language: person.preferredLanguage,
    standard_name: standardName,
    person_email: person.email,
    person_phone: person.phone,
  };
}
