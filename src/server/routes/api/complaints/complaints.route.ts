// The ombudsperson's complaints API: categories, filing, the view and list with the next deadline, the director's
// extension, the resolution and state-hearing requests judged against the hearing rules.
import type { FastifyInstance } from 'fastify';
import type { Static, TSchema } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import type { CommandContext } from '../../../context.ts';
import { FieldProblems } from '../../../commands/common.ts';
import {
  complaintActionsOf,
  complaintIssues,
  complaintNoticesOf,
  findVisibleComplaint,
  hearingRequestsOf,
  listComplaints,
  type ComplaintListFilter,
} from '../../../repositories/complaints.ts';
import { createComplaint } from '../../../commands/complaints/complaint-create.ts';
import { extendComplaint } from '../../../commands/complaints/complaint-extend.ts';
import { resolveComplaint } from '../../../commands/complaints/complaint-resolve.ts';
import { requestHearing } from '../../../commands/complaints/hearing-request.ts';
import { progressHearing } from '../../../commands/complaints/hearing-progress.ts';
import { recordNoticeMailed, renderComplaintNotice } from '../../../commands/complaints/complaint-notices.ts';
import { sendFile } from '../file-answer.ts';
import { recordSensitiveRead } from '../../../commands/audit/sensitive-reads.ts';
import { NoticeLetterQuerySchema } from '../../../../shared/parties.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { Download, OpenObject } from '../../../../shared/schema-helpers.ts';
import { JsonOrReportFile } from '../../../../shared/reports.ts';
import { complaintLog } from '../../../reports/complaint-log/complaint-log.ts';
import { renderReport, reportFileName } from '../../../reports/render/index.ts';
import { addComplaintAction, completeAction } from '../../../commands/complaints/complaint-actions.ts';
import { assignInvestigator } from '../../../commands/complaints/complaint-investigator.ts';
import { amendComplaint, transferComplaint } from '../../../commands/complaints/complaint-transfer.ts';
import { COMPLAINT_CATEGORIES, complaintCategory } from '../../../../domain/hearing-eligibility.ts';
import { localDate, isCalendarDate } from '../../../../shared/local-time.ts';
import {
  ComplaintCategoryListSchema,
  ComplaintListQuerySchema,
  ComplaintLogQuerySchema,
  ComplaintListSchema,
  ComplaintNumberParamsSchema,
  ComplaintSchema,
  CreateComplaintBodySchema,
  ExtendComplaintBodySchema,
  HearingRequestBodySchema,
  HearingRequestSchema,
  HearingDecisionBodySchema,
  HearingDismissalBodySchema,
  HearingParamsSchema,
  HearingScheduleBodySchema,
  ActionCompletedBodySchema,
  ActionParamsSchema,
  AmendmentBodySchema,
  ComplaintActionBodySchema,
  InvestigatorBodySchema,
  TransferBodySchema,
  NoticeMailedBodySchema,
  NoticeParamsSchema,
  ResolveComplaintBodySchema,
} from '../../../../shared/complaints.ts';
import { presentComplaint, presentComplaintListItem, presentHearingRequest } from './complaint-presenter.ts';

const STATUSES = ['open', 'resolved', 'transferred', 'withdrawn'];

/** A complaint as the API shows it, with its issues, hearings, notices and actions. */
export async function complaintView(ctx: CommandContext, complaintNumber: string) {
  const row = await findVisibleComplaint(ctx.db, ctx, complaintNumber);
  const [issues, hearings, notices, actions] = await Promise.all([
    complaintIssues(ctx.db, ctx.agency.id, [row.id]),
    hearingRequestsOf(ctx.db, ctx.agency.id, row.id),
    complaintNoticesOf(ctx.db, ctx.agency.id, row.id),
    complaintActionsOf(ctx.db, ctx.agency.id, row.id),
  ]);
  return presentComplaint(row, issues, hearings, notices, actions, localDate(new Date(), ctx.agency.timeZone));
}

export function complaintRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  /**
   * A POST under one complaint (`path` follows /complaints/:complaintNumber) that runs one command and answers the
   * complaint as it now stands.
   */
  const complaintChange = <P extends TSchema, B extends TSchema>(
    path: string,
    schema: { summary: string; params: P; body: B },
    run: (ctx: CommandContext, params: Static<P>, body: Static<B>) => Promise<unknown>,
  ) =>
    api.post(
      `/complaints/:complaintNumber${path}`,
      { schema: { tags: ['complaints'], ...schema, response: { 200: ComplaintSchema } } },
      async (req) => {
        const ctx = requireContext(req);
        const params = req.params as Static<P> & { complaintNumber: string };
        await run(ctx, params, req.body as Static<B>);
        return complaintView(ctx, params.complaintNumber);
      },
    );

  complaintChange(
    '/actions',
    {
      summary: 'Add an action the resolution requires, who is responsible and by when.',
      params: ComplaintNumberParamsSchema,
      body: ComplaintActionBodySchema,
    },
    (ctx, { complaintNumber }, body) => addComplaintAction(ctx, complaintNumber, body),
  );
  complaintChange(
    '/investigator',
    {
      summary:
        'Name the investigator: not the caseworker of the matter unless a supervisor overrides with a reason (audited).',
      params: ComplaintNumberParamsSchema,
      body: InvestigatorBodySchema,
    },
    (ctx, { complaintNumber }, body) => assignInvestigator(ctx, complaintNumber, body),
  );
  complaintChange(
    '/transfer',
    {
      summary: 'Transfer to another county (notice LCR004).',
      params: ComplaintNumberParamsSchema,
      body: TransferBodySchema,
    },
    (ctx, { complaintNumber }, body) => transferComplaint(ctx, complaintNumber, body),
  );
  complaintChange(
    '/amendments',
    {
      summary: 'Add issues to an open complaint (notice LCR003); the receipt date stays.',
      params: ComplaintNumberParamsSchema,
      body: AmendmentBodySchema,
    },
    (ctx, { complaintNumber }, body) => amendComplaint(ctx, complaintNumber, body),
  );

  complaintChange(
    '/hearing-requests/:hearingId/schedule',
    {
      summary: "The hearing's date, place or phone and interpreter.",
      params: HearingParamsSchema,
      body: HearingScheduleBodySchema,
    },
    (ctx, { complaintNumber, hearingId }, body) =>
      progressHearing(ctx, complaintNumber, hearingId, { step: 'schedule', ...body }),
  );
  complaintChange(
    '/hearing-requests/:hearingId/dismissal',
    {
      summary: 'A dismissal notice; the dismissal takes effect the configured days later.',
      params: HearingParamsSchema,
      body: HearingDismissalBodySchema,
    },
    (ctx, { complaintNumber, hearingId }, body) =>
      progressHearing(ctx, complaintNumber, hearingId, { step: 'dismissal', ...body }),
  );
  complaintChange(
    '/hearing-requests/:hearingId/decision',
    {
      summary:
        'The decision with its outcome per issue; presumed receipt and, for the complainant, the compliance report due.',
      params: HearingParamsSchema,
      body: HearingDecisionBodySchema,
    },
    (ctx, { complaintNumber, hearingId }, body) =>
      progressHearing(ctx, complaintNumber, hearingId, { step: 'decision', ...body }),
  );

  complaintChange(
    '/actions/:actionId/completed',
    {
      summary: 'Record the day a required action was completed.',
      params: ActionParamsSchema,
      body: ActionCompletedBodySchema,
    },
    (ctx, { complaintNumber, actionId }, body) => completeAction(ctx, complaintNumber, actionId, body.completedOn),
  );
  complaintChange(
    '/notices/:noticeId/mailed',
    {
      summary: 'Record the day a notice of the complaint was mailed.',
      params: NoticeParamsSchema,
      body: NoticeMailedBodySchema,
    },
    (ctx, { complaintNumber, noticeId }, body) => recordNoticeMailed(ctx, complaintNumber, noticeId, body.mailedOn),
  );

  api.get(
    '/complaints/:complaintNumber/notices/:noticeId/pdf',
    {
      schema: {
        tags: ['complaints'],
        summary:
          'A notice of the complaint as a PDF letter to one of its parties (partyId; by default the party in the ' +
          "complainant's role). 409 to a representative whose authorization expired, or when it would reveal or " +
          "reach an address kept under another party's protective order.",
        params: NoticeParamsSchema,
        querystring: NoticeLetterQuerySchema,
        response: { 200: Download('The notice as a PDF letter.') },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const { filename, pdf, disclosedPersonIds } = await renderComplaintNotice(
        ctx,
        deps.config.chromiumPath,
        req.params.complaintNumber,
        req.params.noticeId,
        req.query.partyId,
      );
      for (const personId of disclosedPersonIds) {
        await recordSensitiveRead(ctx, {
          action: 'whereabouts.disclosed',
          entityType: 'person',
          entityId: personId,
          what: `notice ${req.params.noticeId} of complaint ${req.params.complaintNumber}`,
          ipAddress: req.ip,
        });
      }
      return sendFile(reply, { body: pdf, contentType: 'application/pdf', fileName: filename, disposition: 'inline' });
    },
  );

  api.get(
    '/complaint-categories',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Complaint issue categories and whether a state hearing may be held on each.',
        response: { 200: ComplaintCategoryListSchema },
      },
    },
    async (req) => {
      requireContext(req);
      return COMPLAINT_CATEGORIES.map((c) => ({ ...c }));
    },
  );

  api.post(
    '/complaints',
    {
      schema: {
        tags: ['complaints'],
        summary: 'File a complaint: receipt date, filing window and resolution due date follow the agency settings.',
        body: CreateComplaintBodySchema,
        response: { 201: ComplaintSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const number = await createComplaint(ctx, req.body);
      return reply.status(201).send(await complaintView(ctx, number));
    },
  );

  api.get(
    '/complaints',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Complaints the caller may see, open ones by their next deadline.',
        querystring: ComplaintListQuerySchema,
        response: { 200: ComplaintListSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const q = req.query;
      const problems = new FieldProblems();
      const status = q.status
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const s of status ?? []) {
        if (!STATUSES.includes(s)) problems.add('status', `"${s}" is not one of ${STATUSES.join(', ')}`);
      }
      if (q.category && !complaintCategory(q.category)) {
        problems.add('category', `"${q.category}" is not a complaint category`);
      }
      for (const field of ['receivedFrom', 'receivedTo'] as const) {
        if (q[field] && !isCalendarDate(q[field])) problems.add(field, 'must be a date written YYYY-MM-DD');
      }
      problems.throwIfAny();
      const today = localDate(new Date(), ctx.agency.timeZone);
      const filter: ComplaintListFilter = {
        limit: q.limit ?? 50,
        ...(status?.length ? { status } : {}),
        ...(q.category ? { category: q.category } : {}),
        ...(q.programCaseNumber ? { programCaseNumber: q.programCaseNumber } : {}),
        ...(q.receivedFrom ? { receivedFrom: q.receivedFrom } : {}),
        ...(q.receivedTo ? { receivedTo: q.receivedTo } : {}),
        ...(q.overdue === 'true' ? { overdueBefore: today } : {}),
        ...(q.overdue === 'false' ? { notOverdueOn: today } : {}),
      };
      const { rows, total } = await listComplaints(ctx, filter);
      const issues = await complaintIssues(
        ctx.db,
        ctx.agency.id,
        rows.map((r) => r.id),
      );
      return { items: rows.map((row) => presentComplaintListItem(row, issues, today)), total };
    },
  );

  api.get(
    '/complaints/log',
    {
      schema: {
        tags: ['complaints'],
        summary: "The state's complaint log for complaints received in a period, as CSV, XLSX, PDF or JSON.",
        querystring: ComplaintLogQuerySchema,
        response: { 200: JsonOrReportFile(OpenObject('The complaint log as a report document.')) },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const { from, to, format = 'csv' } = req.query;
      const problems = new FieldProblems();
      for (const field of ['from', 'to'] as const) {
        if (!isCalendarDate(req.query[field])) problems.add(field, 'must be a date written YYYY-MM-DD');
      }
      if (problems.count() === 0 && to < from) problems.add('to', 'is before from');
      problems.throwIfAny();
      const doc = await complaintLog(ctx, { from, to });
      const file = await renderReport(doc, format, { chromiumPath: deps.config.chromiumPath });
      return sendFile(reply, { ...file, fileName: reportFileName(doc.title, `${from}-${to}`, file.extension) });
    },
  );

  api.get(
    '/complaints/:complaintNumber',
    {
      schema: {
        tags: ['complaints'],
        summary: 'One complaint with its issues, clocks and hearing requests.',
        params: ComplaintNumberParamsSchema,
        response: { 200: ComplaintSchema },
      },
    },
    async (req) => complaintView(requireContext(req), req.params.complaintNumber),
  );

  complaintChange(
    '/extension',
    {
      summary: "The director's one extension of the resolution, with its reason (409 for a second).",
      params: ComplaintNumberParamsSchema,
      body: ExtendComplaintBodySchema,
    },
    (ctx, { complaintNumber }, body) => extendComplaint(ctx, complaintNumber, body),
  );
  complaintChange(
    '/resolution',
    {
      summary: 'The written resolution: findings and the day its notice was mailed (opens the hearing window).',
      params: ComplaintNumberParamsSchema,
      body: ResolveComplaintBodySchema,
    },
    (ctx, { complaintNumber }, body) => resolveComplaint(ctx, complaintNumber, body),
  );

  api.post(
    '/complaints/:complaintNumber/hearing-requests',
    {
      schema: {
        tags: ['complaints'],
        summary: 'A state hearing request, judged issue by issue and recorded whatever the judgement.',
        params: ComplaintNumberParamsSchema,
        body: HearingRequestBodySchema,
        response: { 201: HearingRequestSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const row = await requestHearing(ctx, req.params.complaintNumber, req.body);
      return reply.status(201).send(presentHearingRequest(row, req.params.complaintNumber));
    },
  );
}
