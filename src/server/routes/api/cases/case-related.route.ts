// What hangs off a case: referrals to other units and their replies, attachments, links, merges and splits.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { referCase, replyToReferral } from '../../../commands/cases/case-referral.ts';
import { caseLinks, linkCases, mergeCases } from '../../../commands/cases/case-link.ts';
import { splitCase } from '../../../commands/cases/case-split.ts';
import { attachFile, readAttachment } from '../../../commands/cases/case-attachment.ts';
import { getCaseView } from '../../../queries/case-list-queries.ts';
import { presentCase } from './case-presenter.ts';
import {
  AttachmentCreatedSchema,
  AttachmentParams,
  CaseLinksSchema,
  CaseSchema,
  CreatedIdSchema,
  LinkBody,
  MergeCaseBody,
  ReferralBody,
  ReferralReplyBody,
  ReferralReplyParams,
  SplitCaseBody,
  SplitCaseResultSchema,
  TrackingParams,
} from '../../../../shared/cases.ts';
import { Download, NoContent } from '../../../../shared/schema-helpers.ts';
import { sendStoredFile } from '../file-answer.ts';
import { readUploadedFile } from '../uploaded-file.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { requiredVersionOf } from './case-actions.route.ts';

export function caseRelatedRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/cases/:trackingNumber/referrals',
    {
      schema: {
        tags: ['cases'],
        summary: 'Refer the case to another unit for input, with its own due date.',
        params: TrackingParams,
        body: ReferralBody,
        response: { 201: CreatedIdSchema },
      },
    },
    async (req, reply) => {
      const id = await referCase(requireContext(req), { ...req.body, trackingNumber: req.params.trackingNumber });
      return reply.status(201).send({ id });
    },
  );

  api.post(
    '/cases/:trackingNumber/referrals/:referralId/reply',
    {
      schema: {
        tags: ['cases'],
        summary: "The referred unit's reply.",
        params: ReferralReplyParams,
        body: ReferralReplyBody,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await replyToReferral(requireContext(req), req.params.trackingNumber, req.params.referralId, req.body.reply);
      return reply.status(204).send();
    },
  );

  api.get(
    '/cases/:trackingNumber/links',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases linked to this one.',
        params: TrackingParams,
        response: { 200: CaseLinksSchema },
      },
    },
    async (req) => caseLinks(requireContext(req), req.params.trackingNumber),
  );

  api.post(
    '/cases/:trackingNumber/links',
    {
      schema: {
        tags: ['cases'],
        summary: 'Link another case (duplicate_of, related, parent_of, child_of).',
        params: TrackingParams,
        body: LinkBody,
        response: { 201: CaseLinksSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      await linkCases(ctx, req.params.trackingNumber, req.body.other, req.body.kind);
      return reply.status(201).send(await caseLinks(ctx, req.params.trackingNumber));
    },
  );

  api.post(
    '/cases/:trackingNumber/merge',
    {
      schema: {
        tags: ['cases'],
        summary: 'Merge this case (a duplicate) into another: its correspondence moves there and it closes.',
        params: TrackingParams,
        body: MergeCaseBody,
        response: { 200: CaseSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await mergeCases(ctx, req.body.into, req.params.trackingNumber);
      return presentCase(await getCaseView(ctx, req.body.into));
    },
  );

  api.post(
    '/cases/:trackingNumber/split',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Split part of this case off into a new case: same writer, channel, language, restriction and received date ' +
          '(its deadlines run from when the constituent wrote); the cases are linked. expectedVersion or If-Match ' +
          'is required; a stale version gets 409.',
        params: TrackingParams,
        body: SplitCaseBody,
        response: { 201: SplitCaseResultSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const { expectedVersion, ...part } = req.body;
      const { split } = await splitCase(ctx, {
        ...part,
        trackingNumber: req.params.trackingNumber,
        expectedVersion: requiredVersionOf(req, expectedVersion),
      });
      return reply.status(201).send({
        original: presentCase(await getCaseView(ctx, req.params.trackingNumber)),
        split: presentCase(await getCaseView(ctx, split.tracking_number)),
      });
    },
  );

  api.post(
    '/cases/:trackingNumber/attachments',
    {
      schema: {
        tags: ['cases'],
        summary: 'Attach a file (multipart/form-data, field "file", optional field "note").',
        params: TrackingParams,
        response: { 201: AttachmentCreatedSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const { file, fields } = await readUploadedFile(req, deps.config.maxAttachmentBytes);
      const note = fields.note;
      const result = await attachFile(ctx, deps.config.dataDir, deps.config.maxAttachmentBytes, {
        ...file,
        note,
        trackingNumber: req.params.trackingNumber,
      });
      return reply.status(201).send(result);
    },
  );

  api.get(
    '/cases/:trackingNumber/attachments/:attachmentId',
    {
      schema: {
        tags: ['cases'],
        summary: 'Download an attachment.',
        params: AttachmentParams,
        response: { 200: Download('The file, with its own content type.') },
      },
    },
    async (req, reply) => {
      const file = await readAttachment(
        requireContext(req),
        deps.config.dataDir,
        req.params.trackingNumber,
        req.params.attachmentId,
      );
      return sendStoredFile(reply, file);
    },
  );
}
