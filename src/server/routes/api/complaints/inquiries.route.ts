// The ombudsperson's queues beside complaints: inquiries (first-response clock, repeat contacts, satisfaction, the
// complaint opened from one) and state hearings (by their next date), plus the compliance report's filing.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { notFound } from '../../../errors.ts';
import type { CommandContext } from '../../../context.ts';
import { getCaseView } from '../../../queries/case-list-queries.ts';
import { repeatOf } from '../../../queries/repeat-contact-queries.ts';
import {
  complaintsFromCases,
  inquiryDetails,
  inquiryQueue,
  type InquiryQueueRow,
} from '../../../repositories/inquiries.ts';
import { hearingQueue, type HearingQueueRow } from '../../../repositories/complaints.ts';
import { closeInquiry, complaintFromInquiry } from '../../../commands/complaints/inquiries.ts';
import { progressHearing } from '../../../commands/complaints/hearing-progress.ts';
import { localDate } from '../../../../shared/local-time.ts';
import {
  CloseInquiryBodySchema,
  ComplaintSchema,
  ComplianceReportBodySchema,
  HearingParamsSchema,
  HearingQueueQuerySchema,
  HearingQueueSchema,
  HearingRequestSchema,
  InquiryComplaintBodySchema,
  InquiryListQuerySchema,
  InquiryListSchema,
  InquiryParamsSchema,
  InquirySchema,
  type HearingQueueItem,
  type Inquiry,
} from '../../../../shared/complaints.ts';
import { complaintView } from './complaints.route.ts';
import { presentHearingRequest } from './complaint-presenter.ts';
import { findHearingRequest, findVisibleComplaint } from '../../../repositories/complaints.ts';

function presentInquiry(
  ctx: CommandContext,
  row: InquiryQueueRow,
  repeat: string | null,
  complaints: string[],
  now: Date,
): Inquiry {
  const zone = ctx.agency.timeZone;
  const day = (d: Date | null) => (d ? localDate(d, zone) : null);
  const open = row.status !== 'closed';
  return {
    trackingNumber: row.tracking_number,
    status: row.status,
    restricted: row.restricted,
    subjectCode: row.subject_code,
    subjectName: row.subject_name,
    participantName: [row.person_first_name, row.person_last_name].filter(Boolean).join(' '),
    participantRole: row.participant_role,
    programCaseNumber: row.program_case_number,
    receivedOn: localDate(row.received_at, zone),
    firstResponseDueOn: day(row.first_response_due_at),
    firstResponseOn: day(row.first_response_at),
    overdue:
      open &&
      !row.first_response_at &&
      !!row.first_response_due_at &&
      row.first_response_due_at.getTime() < now.getTime(),
    assigneeName: row.assignee_name,
    repeatOf: repeat,
    repeatAction: row.repeat_action,
    satisfied: row.satisfied,
    closedOn: row.closed_on,
    complaintNumbers: complaints,
    offerComplaint: !open && row.satisfied === false && complaints.length === 0,
  };
}

async function inquiryView(ctx: CommandContext, trackingNumber: string): Promise<Inquiry> {
  const view = await getCaseView(ctx, trackingNumber);
  const details = await inquiryDetails(ctx.db, ctx.agency.id, view.id);
  if (details?.kind !== 'inquiry') {
    throw notFound(`Inquiry ${trackingNumber}`);
  }
  const [repeat, complaints] = await Promise.all([
    repeatOf(ctx, view),
    complaintsFromCases(ctx.db, ctx.agency.id, [view.id]),
  ]);
  const row: InquiryQueueRow = {
    ...view,
    person_first_name: view.person_first_name,
    person_last_name: view.person_last_name,
    program_case_number: details.program_case_number,
    participant_role: details.participant_role,
    satisfied: details.satisfied,
    closed_on: details.closed_on,
    repeat_action: details.repeat_action,
  };
  return presentInquiry(ctx, row, repeat, complaints.get(view.id) ?? [], new Date());
}

function presentHearingItem(row: HearingQueueRow, today: string): HearingQueueItem {
  const over = row.dismissal_notice_on !== null || row.decision_adopted_on !== null;
  const stage = row.dismissal_notice_on
    ? 'dismissed'
    : row.decision_adopted_on
      ? row.compliance_report_due_on && !row.compliance_report_filed_on
        ? 'decided'
        : 'closed'
      : row.hearing_on
        ? 'scheduled'
        : 'requested';
  const next =
    row.hearing_on && !over
      ? { kind: 'hearing', dueOn: row.hearing_on }
      : row.compliance_report_due_on && !row.compliance_report_filed_on
        ? { kind: 'compliance_report', dueOn: row.compliance_report_due_on }
        : null;
  return {
    id: row.id,
    complaintNumber: row.complaint_number,
    complainantName: `${row.complainant_first_name} ${row.complainant_last_name}`.trim(),
    programCaseNumber: row.program_case_number,
    requestedOn: row.requested_on,
    eligible: row.eligible,
    stage,
    hearingOn: row.hearing_on,
    hearingPlace: row.hearing_place,
    interpreterLanguage: row.interpreter_language,
    complianceReportDueOn: row.compliance_report_due_on,
    complianceReportFiledOn: row.compliance_report_filed_on,
    nextDeadline: next ? { ...next, overdue: today > next.dueOn } : null,
  };
}

export function inquiryAndHearingRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/inquiries',
    {
      schema: {
        tags: ['complaints'],
        summary:
          'Inquiries the caller may see, by their first-response clock (filters: status, satisfied, repeat, overdue).',
        querystring: InquiryListQuerySchema,
        response: { 200: InquiryListSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const q = req.query;
      const now = new Date();
      const { rows, total } = await inquiryQueue(ctx, {
        ...(q.status ? { status: q.status } : {}),
        ...(q.satisfied ? { satisfied: q.satisfied === 'true' } : {}),
        ...(q.repeat ? { repeat: q.repeat === 'true' } : {}),
        ...(q.overdue ? { overdueAt: now } : {}),
        sort: q.sort ?? 'due',
        direction: q.direction ?? (q.sort === 'received' ? 'desc' : 'asc'),
        limit: q.limit ?? 50,
      });
      const complaints = await complaintsFromCases(
        ctx.db,
        ctx.agency.id,
        rows.map((r) => r.id),
      );
      const repeats = await Promise.all(rows.map((row) => repeatOf(ctx, row)));
      return {
        items: rows.map((row, i) => presentInquiry(ctx, row, repeats[i]!, complaints.get(row.id) ?? [], now)),
        total,
      };
    },
  );

  api.get(
    '/inquiries/:trackingNumber',
    {
      schema: {
        tags: ['complaints'],
        summary: 'One inquiry: its clock, the contact it repeats, its close and the complaints opened from it.',
        params: InquiryParamsSchema,
        response: { 200: InquirySchema },
      },
    },
    async (req) => inquiryView(requireContext(req), req.params.trackingNumber),
  );

  api.post(
    '/inquiries/:trackingNumber/close',
    {
      schema: {
        tags: ['complaints'],
        summary:
          'Close an inquiry recording whether the participant was satisfied (a dissatisfied one is offered the complaint).',
        params: InquiryParamsSchema,
        body: CloseInquiryBodySchema,
        response: { 200: InquirySchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await closeInquiry(ctx, req.params.trackingNumber, req.body);
      return inquiryView(ctx, req.params.trackingNumber);
    },
  );

  api.post(
    '/inquiries/:trackingNumber/complaint',
    {
      schema: {
        tags: ['complaints'],
        summary: "Open a complaint with the inquiry's facts (participant, program case, channel, day received, text).",
        params: InquiryParamsSchema,
        body: InquiryComplaintBodySchema,
        response: { 201: ComplaintSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const number = await complaintFromInquiry(ctx, req.params.trackingNumber, req.body);
      return reply.status(201).send(await complaintView(ctx, number));
    },
  );

  api.get(
    '/hearings',
    {
      schema: {
        tags: ['complaints'],
        summary:
          'State-hearing requests of the complaints the caller may see, by their next date (filters: stage, eligible).',
        querystring: HearingQueueQuerySchema,
        response: { 200: HearingQueueSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const q = req.query;
      const { rows, total } = await hearingQueue(ctx, {
        ...(q.stage ? { stage: q.stage } : {}),
        ...(q.eligible ? { eligible: q.eligible === 'true' } : {}),
        sort: q.sort ?? 'next',
        direction: q.direction ?? (q.sort === 'requested' ? 'desc' : 'asc'),
        limit: q.limit ?? 50,
      });
      const today = localDate(new Date(), ctx.agency.timeZone);
      return { items: rows.map((row) => presentHearingItem(row, today)), total };
    },
  );

  api.post(
    '/complaints/:complaintNumber/hearing-requests/:hearingId/compliance-report',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Record the day the compliance report after a decision for the complainant was filed.',
        params: HearingParamsSchema,
        body: ComplianceReportBodySchema,
        response: { 200: HearingRequestSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const { complaintNumber, hearingId } = req.params;
      await progressHearing(ctx, complaintNumber, hearingId, { step: 'compliance', filedOn: req.body.filedOn });
      const complaint = await findVisibleComplaint(ctx.db, ctx, complaintNumber);
      const row = await findHearingRequest(ctx.db, ctx.agency.id, complaint.id, hearingId);
      return presentHearingRequest(row!, complaintNumber);
    },
  );
}
