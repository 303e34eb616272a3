// Working a case: edit, route, assign, change status, note, answer (preview and send), and read its timeline,
// deadlines, allowed next statuses and audit trail (JSON or CSV).
import { invalid } from '../../../errors.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import type { CommandContext } from '../../../context.ts';
import { getCaseView } from '../../../queries/case-list-queries.ts';
import { auditToCsv, caseAudit, caseDeadlines, caseTimeline } from '../../../queries/case-timeline-queries.ts';
import { updateCaseDetails } from '../../../commands/cases/case-update.ts';
import { routeCase } from '../../../commands/cases/case-route.ts';
import { assignCase } from '../../../commands/cases/case-assign.ts';
import { changeCaseStatus } from '../../../commands/cases/case-status.ts';
import { addCaseNote } from '../../../commands/cases/case-note.ts';
import { renderResponse, respondToCase } from '../../../commands/cases/case-respond.ts';
import { findVisibleCase } from '../../../repositories/cases.ts';
import { nextStatuses } from '../../../../shared/case-status.ts';
import { presentCase } from './case-presenter.ts';
import {
  AllowedStatusesSchema,
  AssignCaseBody,
  AuditQuery,
  CaseAuditSchema,
  CaseDeadlinesSchema,
  CaseSchema,
  CaseTimelineSchema,
  ChangeStatusBody,
  NoteBody,
  NoteCreatedSchema,
  RenderedResponseSchema,
  ResponseBody,
  ResponseSentSchema,
  RouteCaseBody,
  TrackingParams,
  UpdateCaseBody,
} from '../../../../shared/cases.ts';
import { JsonOrCsv } from '../../../../shared/schema-helpers.ts';
import { sendFile } from '../file-answer.ts';
import type { RouteDependencies } from '../route-dependencies.ts';

/** The version a client expects: the body's expectedVersion, else an If-Match header ("3" or W/"3"). */
export function expectedVersionOf(req: FastifyRequest, bodyVersion: number | undefined): number | undefined {
  if (bodyVersion !== undefined) return bodyVersion;
  const header = req.headers['if-match'];
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

/** The expected version a PATCH must send (body or If-Match), as a person's PATCH does; 400 when neither. */
export function requiredVersionOf(req: FastifyRequest, bodyVersion: number | undefined): number {
  const version = expectedVersionOf(req, bodyVersion);
  if (version === undefined) {
    throw invalid('expectedVersion', 'is required: send the version you edited (or an If-Match header)');
  }
  return version;
}

const view = async (ctx: CommandContext, trackingNumber: string) => presentCase(await getCaseView(ctx, trackingNumber));

export function caseActionRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const statusUrlBase = deps.config.publicUrl;

  api.patch(
    '/cases/:trackingNumber',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Edit a case (optimistic concurrency: expectedVersion or If-Match is required; a stale version gets 409).',
        params: TrackingParams,
        body: UpdateCaseBody,
        response: { 200: CaseSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const { expectedVersion, ...changes } = req.body;
      await updateCaseDetails(ctx, {
        trackingNumber: req.params.trackingNumber,
        expectedVersion: requiredVersionOf(req, expectedVersion),
        ...changes,
      });
      return view(ctx, req.params.trackingNumber);
    },
  );

  api.post(
    '/cases/:trackingNumber/route',
    {
      schema: {
        tags: ['cases'],
        summary: 'Route a case to a unit (by unit code).',
        params: TrackingParams,
        body: RouteCaseBody,
        response: { 200: CaseSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await routeCase(ctx, {
        ...req.body,
        trackingNumber: req.params.trackingNumber,
        expectedVersion: expectedVersionOf(req, req.body.expectedVersion),
      });
      return view(ctx, req.params.trackingNumber);
    },
  );

  api.post(
    '/cases/:trackingNumber/assign',
    {
      schema: {
        tags: ['cases'],
        summary: 'Assign a case to a user (null returns it to the unit).',
        params: TrackingParams,
        body: AssignCaseBody,
        response: { 200: CaseSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await assignCase(ctx, {
        ...req.body,
        trackingNumber: req.params.trackingNumber,
        expectedVersion: expectedVersionOf(req, req.body.expectedVersion),
      });
      return view(ctx, req.params.trackingNumber);
    },
  );

  api.post(
    '/cases/:trackingNumber/status',
    {
      schema: {
        tags: ['cases'],
        summary: 'Move a case in its workflow (waiting_on_constituent pauses the clock; closed → in_progress reopens).',
        params: TrackingParams,
        body: ChangeStatusBody,
        response: { 200: CaseSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await changeCaseStatus(ctx, {
        trackingNumber: req.params.trackingNumber,
        status: req.body.status,
        reason: req.body.reason,
        expectedVersion: expectedVersionOf(req, req.body.expectedVersion),
      });
      return view(ctx, req.params.trackingNumber);
    },
  );

  api.get(
    '/cases/:trackingNumber/allowed-statuses',
    {
      schema: {
        tags: ['cases'],
        summary: 'The statuses this case may move to next.',
        params: TrackingParams,
        response: { 200: AllowedStatusesSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const current = await findVisibleCase(ctx.db, ctx, req.params.trackingNumber);
      return nextStatuses(current.status);
    },
  );

  api.post(
    '/cases/:trackingNumber/notes',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add an internal note (findings) to the timeline.',
        params: TrackingParams,
        body: NoteBody,
        response: { 201: NoteCreatedSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const result = await addCaseNote(ctx, req.params.trackingNumber, req.body.body);
      return reply.status(201).send({ id: result.entryId, case: await view(ctx, req.params.trackingNumber) });
    },
  );

  api.post(
    '/cases/:trackingNumber/responses/preview',
    {
      schema: {
        tags: ['cases'],
        summary: 'Render an approved template for this case (its language, else English with fallback: true).',
        params: TrackingParams,
        body: ResponseBody,
        response: { 200: RenderedResponseSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const current = await findVisibleCase(ctx.db, ctx, req.params.trackingNumber);
      return renderResponse(ctx.db, ctx, current, req.body, statusUrlBase);
    },
  );

  api.post(
    '/cases/:trackingNumber/responses',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Answer the case from an approved template (or free text for phone calls); the first substantive answer sets the first-response time.',
        params: TrackingParams,
        body: ResponseBody,
        response: { 201: ResponseSentSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const result = await respondToCase(
        ctx,
        {
          ...req.body,
          trackingNumber: req.params.trackingNumber,
          expectedVersion: expectedVersionOf(req, req.body.expectedVersion),
        },
        statusUrlBase,
      );
      return reply.status(201).send({ response: result.response, case: await view(ctx, req.params.trackingNumber) });
    },
  );

  api.get(
    '/cases/:trackingNumber/timeline',
    {
      schema: {
        tags: ['cases'],
        summary: 'Correspondence, notes, referrals and attachments, oldest first.',
        params: TrackingParams,
        response: { 200: CaseTimelineSchema },
      },
    },
    async (req) => caseTimeline(requireContext(req), req.params.trackingNumber),
  );

  api.get(
    '/cases/:trackingNumber/deadlines',
    {
      schema: {
        tags: ['cases'],
        summary: 'Time left to each deadline, in calendar and business time.',
        params: TrackingParams,
        response: { 200: CaseDeadlinesSchema },
      },
    },
    async (req) => caseDeadlines(requireContext(req), req.params.trackingNumber),
  );

  api.get(
    '/cases/:trackingNumber/audit',
    {
      schema: {
        tags: ['cases'],
        summary: 'The audit trail of a case (format=csv to download).',
        params: TrackingParams,
        querystring: AuditQuery,
        response: { 200: JsonOrCsv(CaseAuditSchema) },
      },
    },
    async (req, reply) => {
      const events = await caseAudit(requireContext(req), req.params.trackingNumber);
      if (req.query.format === 'csv') {
        return sendFile(reply, {
          body: auditToCsv(events),
          contentType: 'text/csv; charset=utf-8',
          fileName: `audit-${req.params.trackingNumber}.csv`,
        });
      }
      return events;
    },
  );
}
