// Intake: every door (API, web form, email, Open311, phone log, imports) ends here, so routing rules, service
// standards, deadlines and the audit trail behave the same whatever the channel.
import type { CommandContext } from '../context.ts';
import { AppError, invalid, type ErrorDetail } from '../errors.ts';
import type { Priority, WriterType } from '../db/schema.ts';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../repositories/audit.ts';
import { findOrCreatePersonForIntake, type IntakePerson } from '../repositories/people.ts';
import { nextTrackingNumber, type CaseRow } from '../repositories/cases.ts';
import { intakeConfiguration, type IntakeConfiguration } from '../repositories/intake-configuration.ts';
import { evaluateRules } from '../../domain/routing-rules.ts';
import { selectStandard } from '../../domain/service-standards.ts';
import { computeDeadlines } from '../../domain/deadlines.ts';
import { initialEscalationLevel } from '../../domain/escalation.ts';
import { localParts } from '../../domain/local-time.ts';
import { isLanguageCode } from '../../domain/languages.ts';
import { isChannelType } from '../channels/channel-types.ts';
import type { ChannelSettings } from '../db/schema.ts';

export interface CreateCaseInput {
  channel: string;
  subject?: string | null | undefined;
  description: string;
  receivedAt?: string | Date | undefined;
  person: IntakePerson;
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
  if (!input.person.firstName.trim() && !input.person.lastName.trim() && !input.person.email && !input.person.phone) {
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

/** Creates a case: finds or creates the person, applies routing rules and the service standard, sets deadlines. */
export async function createCase(ctx: CommandContext, input: CreateCaseInput): Promise<CaseRow> {
  if (ctx.actor.role === 'auditor') throw new AppError('forbidden', 'Auditors have read-only access.');
  const now = new Date();
  const receivedAt = parseReceivedAt(input.receivedAt, now);
  const config = await intakeConfiguration(ctx.db, ctx.agency.id);
  const channel = validate(config, input);
  const { clock, rules, standards } = config;
  const writerType = input.writerType ?? input.person.kind ?? 'constituent';
  const language = input.language ?? input.person.language ?? 'en';
  const subject = input.subject || null;
  const ruled = evaluateRules(rules, {
    channel: channel.type,
    subject,
    text: `${input.title ?? ''}\n${input.description}`,
    writerType,
    language,
    facility: input.facility ?? null,
  });
  // A configured channel's own unit and standard (e.g. an emergency hotline's) win over the general rules.
  const routing = {
    ...ruled,
    ...(channel.settings.unitCode ? { unitCode: channel.settings.unitCode } : {}),
    ...(channel.settings.serviceStandardId ? { serviceStandardId: channel.settings.serviceStandardId } : {}),
  };
  const priority = input.priority ?? routing.priority ?? 'normal';
  const standard =
    (routing.serviceStandardId !== undefined && standards.find((s) => s.id === routing.serviceStandardId)) ||
    selectStandard(standards, { channel: channel.type, subject, priority, writerType });
  const deadlines = computeDeadlines({
    receivedAt,
    firstResponse: standard?.firstResponse ?? null,
    resolution: standard?.resolution ?? null,
    calendar: clock.calendar,
    timeZone: clock.timeZone,
  });
  const trackingNumber = await nextTrackingNumber(
    ctx.db,
    ctx.agency.id,
    clock.trackingPrefix,
    localParts(now, clock.timeZone).year,
  );

  return ctx.db.transaction().execute(async (tx) => {
    const unitId = (routing.unitCode && config.units.get(routing.unitCode)?.id) || null;
    const person = await findOrCreatePersonForIntake(tx, ctx.agency.id, {
      ...input.person,
      language: input.person.language ?? input.language,
      kind: input.person.kind ?? writerType,
    });
    const onBehalfOf = input.onBehalfOf ? await findOrCreatePersonForIntake(tx, ctx.agency.id, input.onBehalfOf) : null;
    const tags = [...new Set([...(input.tags ?? []), ...routing.tags])];
    const row = await tx
      .insertInto('cases')
      .values({
        agency_id: ctx.agency.id,
        tracking_number: trackingNumber,
        channel: channel.type,
        channel_slug: channel.slug,
        subject_code: subject,
        description: input.description,
        received_at: receivedAt,
        status: unitId ? 'triaged' : 'new',
        priority,
        language,
        writer_type: writerType,
        person_id: person.id,
        on_behalf_of_person_id: onBehalfOf?.id ?? null,
        unit_id: unitId,
        facility: input.facility?.trim() || null,
        restricted: input.restricted ?? false,
        tags,
        service_standard_id: standard?.id ?? null,
        first_response_due_at: deadlines.firstResponseDueAt,
        resolution_due_at: deadlines.resolutionDueAt,
        escalation_level: initialEscalationLevel(writerType),
        external_id: input.externalId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (row.restricted && ctx.actor.userId && !(unitId !== null && ctx.actor.unitIds.includes(unitId))) {
      // Whoever logs a confidential matter from outside its unit keeps sight of it.
      await tx
        .insertInto('case_access')
        .values({ agency_id: ctx.agency.id, case_id: row.id, user_id: ctx.actor.userId })
        .execute();
    }
    await tx
      .insertInto('timeline_entries')
      .values({
        agency_id: ctx.agency.id,
        case_id: row.id,
        kind: 'inbound',
        channel: channel.type,
        subject: input.title ?? null,
        body: input.description,
        language,
        created_at: receivedAt,
      })
      .execute();
    await recordAudit(tx, ctx, {
      action: 'case.created',
      entityType: 'case',
      entityId: trackingNumber,
      caseId: row.id,
      after: {
        channel: row.channel,
        subject_code: row.subject_code,
        status: row.status,
        priority: row.priority,
        unit: routing.unitCode ?? null,
        service_standard: standard?.name ?? null,
        first_response_due_at: row.first_response_due_at,
        resolution_due_at: row.resolution_due_at,
        person_id: row.person_id,
        restricted: row.restricted,
      },
      reason: routing.matched.length ? `Routing rules: ${routing.matched.map((m) => m.name).join(', ')}` : null,
    });
    if (input.withinTransaction) await input.withinTransaction(tx, row);
    return row;
  });
}
