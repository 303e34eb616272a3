// /media-inquiries: the media desk's queue, ordered by the reporter's deadline, and its workflow — assign a
// spokesperson, draft, approve (supervisors, administrators), release the approved text, decline, link coverage.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { AppError } from '../../../errors.ts';
import { createMediaInquiry } from '../../../commands/community/media-inquiry-create.ts';
import {
  approveAnswer,
  assignSpokesperson,
  declineInquiry,
  draftAnswer,
  linkCoverage,
  releaseAnswer,
} from '../../../commands/community/media-inquiry-steps.ts';
import { mediaInquiryView, presentMediaInquiry } from '../../../queries/community-views.ts';
import { listMediaInquiries } from '../../../repositories/media-inquiries.ts';
import {
  AssignSpokespersonBody,
  CoverageBody,
  CreateMediaInquiryBody,
  DraftAnswerBody,
  IdParams,
  ListMediaInquiriesQuery,
  MEDIA_INQUIRY_STATUSES,
  MediaInquiry,
  MediaInquiryList,
  StepBody,
} from '../../../../shared/community.ts';

const tags = ['community'];
const OPEN = ['new', 'assigned', 'drafted', 'approved'];

/** Registers the media desk routes. */
export function mediaInquiryRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/media-inquiries',
    {
      schema: {
        tags,
        summary: "The media queue, the nearest reporter's deadline first (default: open inquiries).",
        querystring: ListMediaInquiriesQuery,
        response: { 200: MediaInquiryList },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const wanted = req.query.status?.trim() || 'open';
      let statuses: string[] | null;
      if (wanted === 'all') statuses = null;
      else if (wanted === 'open') statuses = OPEN;
      else {
        statuses = wanted.split(',').map((s) => s.trim());
        const bad = statuses.filter((s) => !(MEDIA_INQUIRY_STATUSES as readonly string[]).includes(s));
        if (bad.length) {
          const message = `${bad.join(', ')}: not a status (open, all, ${MEDIA_INQUIRY_STATUSES.join(', ')})`;
          throw new AppError('validation_failed', `status: ${message}`, [{ field: 'status', message }]);
        }
      }
      const rows = await listMediaInquiries(ctx.db, ctx.agency.id, statuses);
      const now = new Date();
      return { items: rows.map((r) => presentMediaInquiry(r, now)), total: rows.length };
    },
  );

  api.post(
    '/media-inquiries',
    {
      schema: {
        tags,
        summary: "Log a media inquiry; the reporter's deadline is the queue's clock.",
        body: CreateMediaInquiryBody,
        response: { 201: MediaInquiry },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const created = await createMediaInquiry(ctx, req.body);
      return reply.status(201).send(await mediaInquiryView(ctx, created.id));
    },
  );

  api.get(
    '/media-inquiries/:id',
    { schema: { tags, summary: 'One media inquiry.', params: IdParams, response: { 200: MediaInquiry } } },
    async (req) => mediaInquiryView(requireContext(req), req.params.id),
  );

  const stepRoute = (
    path: string,
    summary: string,
    body: typeof StepBody | typeof AssignSpokespersonBody | typeof DraftAnswerBody | typeof CoverageBody,
    run: (ctx: ReturnType<typeof requireContext>, id: number, body: Record<string, unknown>) => Promise<unknown>,
  ) =>
    api.post(
      `/media-inquiries/:id/${path}`,
      { schema: { tags, summary, params: IdParams, body, response: { 200: MediaInquiry } } },
      async (req) => {
        const ctx = requireContext(req);
        await run(ctx, req.params.id, (req.body ?? {}) as Record<string, unknown>);
        return mediaInquiryView(ctx, req.params.id);
      },
    );

  stepRoute('assign', 'Assign the spokesperson who answers.', AssignSpokespersonBody, (ctx, id, body) =>
    assignSpokesperson(ctx, id, body.spokespersonUserId as number),
  );
  stepRoute(
    'draft',
    'Save the drafted answer (a changed draft needs a new approval).',
    DraftAnswerBody,
    (ctx, id, body) => draftAnswer(ctx, id, body.answer as string, body.expectedVersion as number | undefined),
  );
  stepRoute(
    'approve',
    'Approve the drafted answer for release (supervisors and administrators).',
    StepBody,
    (ctx, id, body) => approveAnswer(ctx, id, body.expectedVersion as number | undefined),
  );
  stepRoute(
    'release',
    'Release the approved answer; the released text and time are recorded.',
    StepBody,
    (ctx, id, body) => releaseAnswer(ctx, id, body.expectedVersion as number | undefined),
  );
  stepRoute('decline', 'Decline to answer (the reason goes to the audit trail).', StepBody, (ctx, id, body) =>
    declineInquiry(ctx, id, body.reason as string | undefined, body.expectedVersion as number | undefined),
  );
  stepRoute('coverage', 'Link the published coverage.', CoverageBody, (ctx, id, body) =>
    linkCoverage(ctx, id, body.url as string),
  );
}
