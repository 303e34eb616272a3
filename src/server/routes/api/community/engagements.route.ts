// /engagements: the outreach calendar — advocate meetings, presentations, workshops, outreach events and forums —
// with the issues raised at each (subject-coded; "make a case" through intake; procedure change requests and
// action-plan actions as follow-ups; follow-up tracked to closure), and the calendar as an iCalendar feed.
import type { FastifyInstance } from 'fastify';
import { limitJsonNesting } from '../../../json-body.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import type { CommandContext } from '../../../context.ts';
import { invalid } from '../../../errors.ts';
import { createEngagement } from '../../../commands/community/engagement-create.ts';
import { updateEngagementDetails } from '../../../commands/community/engagement-update.ts';
import { raiseEngagementIssue } from '../../../commands/community/engagement-issue-raise.ts';
import { updateEngagementIssue } from '../../../commands/community/engagement-issue-update.ts';
import { makeCaseFromIssue, type MakeCaseInput } from '../../../commands/community/engagement-issue-case.ts';
import { createIssueFollowUp, setIssueFollowUpStatus } from '../../../commands/community/engagement-issue-follow-up.ts';
import { engagementFeedback, issueFeedbackLink } from '../../../commands/community/engagement-feedback-link.ts';
import { engagementView, issueView, presentEngagement } from '../../../queries/community-views.ts';
import { engagementExtras, listEngagements } from '../../../repositories/engagements.ts';
import { endOfLocalDay, localDate, startOfLocalDay } from '../../../../shared/local-time.ts';
import { buildCalendar, formatUtc } from '../../../../domain/icalendar.ts';
import { expandRecurrence, toRRule } from '../../../../domain/recurrence.ts';
import {
  CalendarQuery,
  CreateEngagementBody,
  CreateFollowUpBody,
  CreateIssueBody,
  ENGAGEMENT_KIND_LABELS,
  Engagement,
  EngagementFeedback,
  EngagementIssue,
  EngagementList,
  FeedbackLinkBody,
  FollowUpParams,
  IdParams,
  IssueParams,
  ListEngagementsQuery,
  MadeCase,
  MakeCaseBody,
  UpdateEngagementBody,
  UpdateFollowUpBody,
  UpdateIssueBody,
  type EngagementKind,
} from '../../../../shared/community.ts';
import { sendFile } from '../file-answer.ts';
import type { RouteDependencies } from '../route-dependencies.ts';

const tags = ['community'];

/** A range edge: a local date (the whole day in the agency's time zone) or an ISO date-time. */
function rangeEdge(ctx: CommandContext, field: string, value: string | undefined, edge: 'start' | 'end') {
  if (!value) return undefined;
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const date =
        edge === 'start' ? startOfLocalDay(value, ctx.agency.timeZone) : endOfLocalDay(value, ctx.agency.timeZone);
      if (!Number.isNaN(date.getTime())) return date;
    } else if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) return date;
    }
  } catch {
    // a day that does not exist: refused below
  }
  throw invalid(field, 'must be a date (YYYY-MM-DD, in the agency time zone) or an ISO 8601 date-time');
}

/** Registers the engagement routes. */
export function engagementRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/engagements.ics',
    {
      schema: {
        tags,
        summary:
          "The agency's engagements as an iCalendar (RFC 5545) file: UTC times, folded lines, one VEVENT per engagement.",
        querystring: CalendarQuery,
        response: { 200: { content: { 'text/calendar': { schema: Type.String() } } } },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const from = rangeEdge(ctx, 'from', req.query.from, 'start') ?? new Date(Date.now() - 90 * 86_400_000);
      const to = rangeEdge(ctx, 'to', req.query.to, 'end');
      const { items } = await listEngagements(ctx.db, ctx.agency.id, { from, to, limit: 5000 });
      const extras = await engagementExtras(
        ctx.db,
        ctx.agency.id,
        items.map((e) => e.id),
      );
      const host = new URL(deps.config.publicUrl).hostname || 'civicdesk.invalid';
      const calendar = buildCalendar({
        productId: '-//civicdesk//Engagements//EN',
        name: `${ctx.agency.name}: engagements`,
        stamp: new Date(),
        events: items.map((e) => {
          const organizations = extras.get(e.id)?.organizations.map((o) => o.name) ?? [];
          const kind = ENGAGEMENT_KIND_LABELS[e.kind as EngagementKind] ?? e.kind;
          const description = [
            kind,
            organizations.length ? `Organisations: ${organizations.join(', ')}` : '',
            e.audience ? `Audience: ${e.audience}` : '',
            e.languages.length ? `Languages: ${e.languages.join(', ')}` : '',
            e.agenda ? `Agenda:\n${e.agenda}` : '',
          ]
            .filter(Boolean)
            .join('\n');
          return {
            uid: `engagement-${ctx.agency.id}-${e.id}@${host}`,
            start: e.starts_at,
            end: e.ends_at,
            summary: e.status === 'cancelled' ? `Cancelled: ${e.title}` : e.title,
            description,
            location: e.location ?? undefined,
            url: e.link ?? undefined,
            categories: [kind],
            lastModified: e.updated_at,
            ...(e.recurrence
              ? {
                  recurrence: {
                    rule: toRRule(
                      e.recurrence,
                      localDate(e.starts_at, ctx.agency.timeZone),
                      e.recurrence.until
                        ? formatUtc(endOfLocalDay(e.recurrence.until, ctx.agency.timeZone))
                        : undefined,
                    ),
                    timeZone: ctx.agency.timeZone,
                    until: e.series_ends_at ?? undefined,
                  },
                }
              : {}),
          };
        }),
      });
      return sendFile(reply, {
        body: calendar,
        contentType: 'text/calendar; charset=utf-8',
        fileName: 'engagements.ics',
      });
    },
  );

  api.get(
    '/engagements',
    {
      schema: {
        tags,
        summary: 'Engagements overlapping a date range, earliest first (the calendar).',
        querystring: ListEngagementsQuery,
        response: { 200: EngagementList },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const from = rangeEdge(ctx, 'from', req.query.from, 'start');
      const to = rangeEdge(ctx, 'to', req.query.to, 'end');
      const { items, total } = await listEngagements(ctx.db, ctx.agency.id, {
        from,
        to,
        kind: req.query.kind,
        organizationId: req.query.organizationId,
        area: req.query.area,
        limit: req.query.limit ?? 500,
      });
      const extras = await engagementExtras(
        ctx.db,
        ctx.agency.id,
        items.map((e) => e.id),
      );
      return {
        items: items.map((e) => {
          const view = presentEngagement(e, extras.get(e.id));
          if (!e.recurrence) return view;
          const first = { start: e.starts_at, end: e.ends_at };
          const meetings = expandRecurrence(e.recurrence, first, ctx.agency.timeZone, { from, to });
          return {
            ...view,
            occurrences: meetings.map((m) => ({ startsAt: m.start.toISOString(), endsAt: m.end.toISOString() })),
          };
        }),
        total,
      };
    },
  );

  api.post(
    '/engagements',
    {
      schema: {
        tags,
        summary: 'Put an engagement on the calendar (endsAt after startsAt; organisations from the directory).',
        body: CreateEngagementBody,
        response: { 201: Engagement },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const created = await createEngagement(ctx, req.body);
      return reply.status(201).send(await engagementView(ctx, created.id));
    },
  );

  api.get(
    '/engagements/:id',
    {
      schema: {
        tags,
        summary: 'One engagement with its organisations and the issues raised.',
        params: IdParams,
        response: { 200: Engagement },
      },
    },
    async (req) => engagementView(requireContext(req), req.params.id),
  );

  api.patch(
    '/engagements/:id',
    {
      schema: {
        tags,
        summary: 'Change an engagement: reschedule, attendance, minutes, held/cancelled, organisations.',
        params: IdParams,
        body: UpdateEngagementBody,
        response: { 200: Engagement },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await updateEngagementDetails(ctx, req.params.id, req.body);
      return engagementView(ctx, req.params.id);
    },
  );

  api.get(
    '/engagements/:id/feedback',
    {
      schema: {
        tags,
        summary:
          "The engagement's public feedback: its link, whether it still takes answers (30 days after the engagement), " +
          'answers per satisfaction 1–5, the average, resolved yes/no and the newest comments.',
        params: IdParams,
        response: { 200: EngagementFeedback },
      },
    },
    async (req) => engagementFeedback(requireContext(req), deps.config, req.params.id),
  );

  api.post(
    '/engagements/:id/issues',
    {
      schema: {
        tags,
        summary: 'Record an issue raised at the engagement, coded by subject.',
        params: IdParams,
        body: CreateIssueBody,
        response: { 201: EngagementIssue },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const issue = await raiseEngagementIssue(ctx, req.params.id, req.body);
      return reply.status(201).send(await issueView(ctx, issue.id));
    },
  );

  api.patch(
    '/engagements/:id/issues/:issueId',
    {
      schema: {
        tags,
        summary: 'Track the follow-up of an issue: status (open, in_progress, closed), note, reported back.',
        params: IssueParams,
        body: UpdateIssueBody,
        response: { 200: EngagementIssue },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await updateEngagementIssue(ctx, req.params.id, req.params.issueId, req.body);
      return issueView(ctx, req.params.issueId);
    },
  );

  // "Make a case" takes an optional body; in its own scope a JSON request with an empty body reads as {} instead of
  // Fastify's empty-JSON-body error, so a bare POST with a JSON content type works too.
  void app.register(async (scope) => {
    limitJsonNesting(scope, { emptyBodyAs: {} });
    const scoped = scope.withTypeProvider<TypeBoxTypeProvider>();
    scoped.post(
      '/engagements/:id/feedback-link',
      {
        schema: {
          tags,
          summary:
            'Give the engagement its public feedback link (the same link when it has one; renew: true makes a new ' +
            'code and the old link stops working). Answers the feedback with the link.',
          params: IdParams,
          body: FeedbackLinkBody,
          response: { 200: EngagementFeedback },
        },
        preValidation: async (req) => {
          if (req.body === undefined || req.body === null) req.body = {};
        },
      },
      async (req) => {
        const ctx = requireContext(req);
        const body = (req.body ?? {}) as { renew?: boolean };
        await issueFeedbackLink(ctx, deps.config, req.params.id, { renew: body.renew });
        return engagementFeedback(ctx, deps.config, req.params.id);
      },
    );
    scoped.post(
      '/engagements/:id/issues/:issueId/case',
      {
        schema: {
          tags,
          summary:
            'Make a case from the issue through intake (channel community_meeting); the issue records the case. 409 if it already has one.',
          params: IssueParams,
          body: MakeCaseBody,
          response: { 201: MadeCase },
        },
        // The body is optional: a POST without one makes the case for the engagement's first organisation.
        preValidation: async (req) => {
          if (req.body === undefined || req.body === null) req.body = {};
        },
      },
      async (req, reply) => {
        const ctx = requireContext(req);
        const made = await makeCaseFromIssue(ctx, req.params.id, req.params.issueId, (req.body ?? {}) as MakeCaseInput);
        return reply
          .status(201)
          .send({ trackingNumber: made.trackingNumber, issue: await issueView(ctx, req.params.issueId) });
      },
    );
  });

  api.post(
    '/engagements/:id/issues/:issueId/follow-ups',
    {
      schema: {
        tags,
        summary:
          'Turn the issue into a procedure change request or an action-plan action (kept as a follow-up until those modules link it).',
        params: IssueParams,
        body: CreateFollowUpBody,
        response: { 201: EngagementIssue },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      await createIssueFollowUp(ctx, req.params.id, req.params.issueId, req.body);
      return reply.status(201).send(await issueView(ctx, req.params.issueId));
    },
  );

  api.patch(
    '/engagements/:id/issues/:issueId/follow-ups/:followUpId',
    {
      schema: {
        tags,
        summary: 'Mark a follow-up done (or open again).',
        params: FollowUpParams,
        body: UpdateFollowUpBody,
        response: { 200: EngagementIssue },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await setIssueFollowUpStatus(
        ctx,
        req.params.id,
        req.params.issueId,
        req.params.followUpId,
        req.body.status as 'open' | 'done',
      );
      return issueView(ctx, req.params.issueId);
    },
  );
}
