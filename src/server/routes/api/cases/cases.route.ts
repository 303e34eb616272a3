// Case intake, the case view and the case list (filters, queues, full-text search, keyset pagination).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from '@sinclair/typebox';
import { recordSensitiveRead } from '../../../commands/audit/sensitive-reads.ts';
import { requireContext } from '../../../auth/authenticate.ts';
import { createCaseView } from '../../../commands/cases/case-create.ts';
import {
  FIRST_RESPONSE_FILTERS,
  getCaseView,
  listCases,
  MISSING_FIELDS,
  QUEUES,
  type CaseListFilter,
  type FirstResponseFilter,
  type MissingField,
  type Queue,
} from '../../../queries/case-list-queries.ts';
import { AppError, invalid, type ErrorDetail } from '../../../errors.ts';
import type { CommandContext } from '../../../context.ts';
import { CASE_STATUSES } from '../../../../shared/case-status.ts';
import { endOfLocalDay, startOfLocalDay } from '../../../../shared/local-time.ts';
import { presentCase } from './case-presenter.ts';
import { caseDetailsOf, saveCaseDetails } from '../../../repositories/complaints.ts';
import { repeatOf } from '../../../queries/repeat-contact-queries.ts';
import { handleRepeatContact, PARTICIPANT_ROLES } from '../../../commands/complaints/inquiries.ts';
import { updateInquiryDetails, type ParticipantRole } from '../../../repositories/inquiries.ts';
import type { CaseViewRow } from '../../../queries/case-list-queries.ts';
import type { CaseKind } from '../../../../shared/vocabulary.ts';
import {
  CaseListSchema,
  CaseSchema,
  CreateCaseSchema,
  ListCasesQuery,
  TrackingParams,
} from '../../../../shared/cases.ts';

/**
 * The case as the API shows it, with its kind, program case number and the earlier contact it repeats; `known`
 * (what intake just wrote) spares reading case_details again.
 */
async function presentCaseWithDetails(
  ctx: CommandContext,
  row: CaseViewRow,
  known?: { kind: CaseKind; programCaseNumber: string | null },
) {
  const [details, repeat] = await Promise.all([
    known ??
      caseDetailsOf(ctx.db, ctx.agency.id, [row.id]).then((all) => {
        const own = all.get(row.id);
        return { kind: own?.kind ?? 'case', programCaseNumber: own?.program_case_number ?? null };
      }),
    repeatOf(ctx, row),
  ]);
  return { ...presentCase(row), ...details, repeatOf: repeat };
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function parseInstant(ctx: CommandContext, field: string, value: string | undefined, edge: 'start' | 'end') {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // A day that does not exist (2024-13-45) makes the local-time functions throw: it is the reader's mistake.
    const date = (() => {
      try {
        return edge === 'start'
          ? startOfLocalDay(value, ctx.agency.timeZone)
          : endOfLocalDay(value, ctx.agency.timeZone);
      } catch {
        return new Date(Number.NaN);
      }
    })();
    if (!Number.isNaN(date.getTime())) return date;
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw invalid(field, 'must be a date (YYYY-MM-DD, in the agency time zone) or an ISO 8601 date-time');
}

/** The filters the reports' numbers drill down with (dates as in receivedFrom/receivedTo). */
function parseReportFilters(ctx: CommandContext, query: Static<typeof ListCasesQuery>): Partial<CaseListFilter> {
  const instants = {
    closedFrom: parseInstant(ctx, 'closedFrom', query.closedFrom, 'start'),
    closedTo: parseInstant(ctx, 'closedTo', query.closedTo, 'end'),
    openAt: parseInstant(ctx, 'openAt', query.openAt, 'end'),
    escalatedFrom: parseInstant(ctx, 'escalatedFrom', query.escalatedFrom, 'start'),
    escalatedTo: parseInstant(ctx, 'escalatedTo', query.escalatedTo, 'end'),
    surveyedFrom: parseInstant(ctx, 'surveyedFrom', query.surveyedFrom, 'start'),
    surveyedTo: parseInstant(ctx, 'surveyedTo', query.surveyedTo, 'end'),
  };
  const filter: Partial<CaseListFilter> = Object.fromEntries(
    Object.entries(instants).filter(([, value]) => value !== undefined),
  );
  if (query.facility) filter.facility = query.facility;
  if (list(query.language)?.length) filter.language = list(query.language);
  if (query.escalationLevel !== undefined) filter.escalationLevel = query.escalationLevel;
  if (query.merged) filter.merged = query.merged === 'true';
  if (query.restricted) filter.restricted = query.restricted === 'true';
  if (query.firstResponse) filter.firstResponse = query.firstResponse as FirstResponseFilter;
  if (query.repeatContact) filter.repeatContact = query.repeatContact === 'true';
  return filter;
}

/** Turns the query string into a validated list filter. */
export function parseListQuery(ctx: CommandContext, query: Static<typeof ListCasesQuery>): CaseListFilter {
  const problems: ErrorDetail[] = [];
  const status = list(query.status);
  for (const s of status ?? []) {
    if (!(CASE_STATUSES as readonly string[]).includes(s)) {
      problems.push({ field: 'status', message: `"${s}" is not a status (${CASE_STATUSES.join(', ')})` });
    }
  }
  if (query.queue && !QUEUES.includes(query.queue as Queue)) {
    problems.push({ field: 'queue', message: `must be one of ${QUEUES.join(', ')}` });
  }
  let assigneeId: number | undefined;
  if (query.assignee === 'me') assigneeId = ctx.actor.userId;
  else if (query.assignee) {
    assigneeId = Number(query.assignee);
    if (!Number.isInteger(assigneeId) || assigneeId < 1 || assigneeId > 2147483647) {
      problems.push({ field: 'assignee', message: 'must be a user id or "me"' });
    }
  }
  const missing = list(query.missing);
  for (const m of missing ?? []) {
    if (!(MISSING_FIELDS as string[]).includes(m)) {
      problems.push({ field: 'missing', message: `"${m}" is not one of ${MISSING_FIELDS.join(', ')}` });
    }
  }
  if (query.firstResponse && !(FIRST_RESPONSE_FILTERS as string[]).includes(query.firstResponse)) {
    problems.push({ field: 'firstResponse', message: `must be one of ${FIRST_RESPONSE_FILTERS.join(', ')}` });
  }
  if (problems.length)
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  const receivedFrom = parseInstant(ctx, 'receivedFrom', query.receivedFrom, 'start');
  const receivedTo = parseInstant(ctx, 'receivedTo', query.receivedTo, 'end');
  return {
    ...(list(query.channel)?.length ? { channel: list(query.channel) } : {}),
    ...(query.subject ? { subject: query.subject } : {}),
    ...(status?.length ? { status } : {}),
    ...(query.unit ? { unit: query.unit } : {}),
    ...(assigneeId !== undefined ? { assigneeId } : {}),
    ...(list(query.priority)?.length ? { priority: list(query.priority) } : {}),
    ...(list(query.writerType)?.length ? { writerType: list(query.writerType) } : {}),
    ...(query.person ? { personId: query.person } : {}),
    ...(query.q?.trim() ? { q: query.q.trim() } : {}),
    ...(receivedFrom ? { receivedFrom } : {}),
    ...(receivedTo ? { receivedTo } : {}),
    ...parseReportFilters(ctx, query),
    ...(missing?.length ? { missing: missing as MissingField[] } : {}),
    ...(query.queue ? { queue: query.queue as Queue } : {}),
    ...(query.sort ? { sort: query.sort } : {}),
    ...(query.direction ? { direction: query.direction } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
    limit: query.limit ?? 50,
  };
}

export function caseRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Create a case (intake): routing rules, service standard and deadlines apply.',
        body: CreateCaseSchema,
        response: { 201: CaseSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const { kind = 'case', programCaseNumber, participantRole, person, personId, ...rest } = req.body;
      if ((person === undefined) === (personId === undefined)) {
        throw invalid('person', 'say who wrote: pick a person on file (personId) or give a new person, one of the two');
      }
      const intake = { ...rest, person: person ?? { firstName: '', lastName: '' }, personId };
      const details = { kind: kind as CaseKind, programCaseNumber: programCaseNumber?.trim() || null };
      if (participantRole && !(PARTICIPANT_ROLES as readonly string[]).includes(participantRole)) {
        throw invalid('participantRole', `must be one of ${PARTICIPANT_ROLES.join(', ')}`);
      }
      // Kind and program case number sit beside the case (case_details), written in the intake's transaction.
      const view = await createCaseView(
        ctx,
        details.kind !== 'case' || details.programCaseNumber
          ? {
              ...intake,
              withinTransaction: async (tx, row) => {
                await saveCaseDetails(tx, ctx.agency.id, row.id, details);
                if (participantRole) {
                  await updateInquiryDetails(tx, ctx.agency.id, row.id, {
                    participant_role: participantRole as ParticipantRole,
                  });
                }
              },
            }
          : intake,
      );
      // The answer is built from the rows just written: the same body as GET /cases/:trackingNumber, no re-read.
      const body = await presentCaseWithDetails(ctx, view, details);
      // The repeat-contact rule of inquiries: tell the caseworkers, suggest or open the complaint.
      if (details.kind === 'inquiry' && body.repeatOf) await handleRepeatContact(ctx, view, body.repeatOf);
      return reply.status(201).send(body);
    },
  );

  api.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          'List cases the caller may see: filters, queues (queue=mine|unit|unassigned|due_today|overdue|escalated|elected_official), full text (q).',
        querystring: ListCasesQuery,
        response: { 200: CaseListSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const result = await listCases(ctx, parseListQuery(ctx, req.query));
      const details = await caseDetailsOf(
        ctx.db,
        ctx.agency.id,
        result.items.map((item) => item.id),
      );
      return {
        items: result.items.map((item) => ({
          ...presentCase(item),
          kind: details.get(item.id)?.kind ?? 'case',
          programCaseNumber: details.get(item.id)?.program_case_number ?? null,
        })),
        total: result.total,
        ...(result.totalIsLowerBound ? { totalIsLowerBound: true } : {}),
        nextCursor: result.nextCursor,
      };
    },
  );

  api.get(
    '/cases/:trackingNumber',
    { schema: { tags: ['cases'], summary: 'One case.', params: TrackingParams, response: { 200: CaseSchema } } },
    async (req, reply) => {
      const ctx = requireContext(req);
      const row = await getCaseView(ctx, req.params.trackingNumber);
      if (row.restricted) {
        await recordSensitiveRead(ctx, {
          action: 'case.viewed',
          entityType: 'case',
          entityId: row.tracking_number,
          caseId: row.id,
          ipAddress: req.ip,
        });
      }
      const view = await presentCaseWithDetails(ctx, row);
      return reply.header('etag', `"${view.version}"`).send(view);
    },
  );
}
