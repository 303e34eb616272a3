// /procedures: the procedures library — list and full-text search (approved text), write a procedure (draft v1),
// read one (rendered Markdown, versions, acknowledgements), draft a new version, set what a draft asks of staff (a
// course, an acknowledgement), approve or retire a version, and acknowledge the approved version.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { invalid } from '../../../errors.ts';
import { getProcedure, listProcedureLibrary } from '../../../queries/procedures.ts';
import { createProcedure } from '../../../commands/quality/procedure-create.ts';
import { addProcedureVersion } from '../../../commands/quality/procedure-version-add.ts';
import { approveProcedureVersion, retireProcedureVersion } from '../../../commands/quality/procedure-decision.ts';
import { acknowledgeProcedure } from '../../../commands/quality/procedure-acknowledge.ts';
import { setProcedureVersionRequirements } from '../../../commands/quality/procedure-requirements.ts';
import { linkProcedure, unlinkProcedure } from '../../../commands/quality/procedure-link.ts';
import { caseProcedures } from '../../../queries/case-procedures.ts';
import { linksOfProcedure } from '../../../repositories/procedures.ts';
import { NoContent } from '../../../../shared/schema-helpers.ts';
import {
  AcknowledgementSchema,
  CaseProcedureListSchema,
  CaseProcedureParams,
  CreateProcedureLinkBody,
  ProcedureLinkListSchema,
  ProcedureLinkParams,
  ProcedureLinkSchema,
  CreateProcedureBody,
  NewProcedureVersionBody,
  ProcedureCreatedSchema,
  ProcedureDetailSchema,
  ProcedureListQuery,
  ProcedureListSchema,
  ProcedureParams,
  ProcedureVersionParams,
  VersionRequirementsBody,
  VersionRequirementsSchema,
} from '../../../../shared/quality.ts';

const tags = ['quality'];

/** Registers the procedures-library routes. */
export function procedureRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/procedures',
    {
      schema: {
        tags,
        summary: 'The procedures library; ?q= finds procedures by words of their approved text, best first.',
        querystring: ProcedureListQuery,
        response: { 200: ProcedureListSchema },
      },
    },
    async (req) => listProcedureLibrary(requireContext(req), req.query.q),
  );

  api.post(
    '/procedures',
    {
      schema: {
        tags,
        summary: 'Write a procedure (Markdown); it starts as draft version 1 (supervisors, administrators).',
        body: CreateProcedureBody,
        response: { 201: ProcedureCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createProcedure(requireContext(req), req.body)),
  );

  api.get(
    '/procedures/:id',
    {
      schema: {
        tags,
        summary: 'One procedure: its version in force rendered, every version, who has and has not acknowledged it.',
        params: ProcedureParams,
        response: { 200: ProcedureDetailSchema },
      },
    },
    async (req) => getProcedure(requireContext(req), req.params.id),
  );

  api.post(
    '/procedures/:id/versions',
    {
      schema: {
        tags,
        summary: 'Draft a new version; the approved one stays in force until this one is approved.',
        params: ProcedureParams,
        body: NewProcedureVersionBody,
        response: { 201: ProcedureCreatedSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addProcedureVersion(requireContext(req), req.params.id, req.body)),
  );

  api.put(
    '/procedures/:id/versions/:version/requirements',
    {
      schema: {
        tags,
        summary:
          'Set what a draft version asks of staff once approved: a training course to complete and/or an ' +
          'acknowledgement, due 30 days after its effective date (supervisors, administrators).',
        params: ProcedureVersionParams,
        body: VersionRequirementsBody,
        response: { 200: VersionRequirementsSchema },
      },
    },
    async (req) => setProcedureVersionRequirements(requireContext(req), req.params.id, req.params.version, req.body),
  );

  api.post(
    '/procedures/:id/versions/:version/approve',
    {
      schema: {
        tags,
        summary:
          'Approve a draft version: it comes into force and the version before it is retired. The body is optional: ' +
          '{"effectiveOn":"YYYY-MM-DD"} (today when left out).',
        params: ProcedureVersionParams,
        response: { 200: ProcedureCreatedSchema },
      },
    },
    // No body schema: a bodiless POST approves with today's date; the command checks effectiveOn when it is sent.
    async (req) => {
      const effectiveOn = (req.body as { effectiveOn?: unknown } | undefined)?.effectiveOn;
      if (effectiveOn !== undefined && typeof effectiveOn !== 'string')
        throw invalid('effectiveOn', 'must be a date written YYYY-MM-DD');
      return approveProcedureVersion(requireContext(req), req.params.id, req.params.version, effectiveOn);
    },
  );

  api.post(
    '/procedures/:id/versions/:version/retire',
    {
      schema: {
        tags,
        summary: 'Retire an approved version.',
        params: ProcedureVersionParams,
        response: { 200: ProcedureCreatedSchema },
      },
    },
    async (req) => retireProcedureVersion(requireContext(req), req.params.id, req.params.version),
  );

  api.post(
    '/procedures/:id/versions/:version/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge that you have read the approved version.',
        params: ProcedureVersionParams,
        response: { 200: AcknowledgementSchema },
      },
    },
    async (req) => acknowledgeProcedure(requireContext(req), req.params.id, req.params.version),
  );

  api.get(
    '/procedures/:id/links',
    {
      schema: {
        tags,
        summary: 'The subjects and routing rules a procedure is linked from.',
        params: ProcedureParams,
        response: { 200: ProcedureLinkListSchema },
      },
    },
    async (req) => linksOfProcedure(requireContext(req).db, requireContext(req).agency.id, req.params.id),
  );

  api.post(
    '/procedures/:id/links',
    {
      schema: {
        tags,
        summary: 'Link the procedure from a subject (subjectCode) or a routing rule (routingRuleId).',
        params: ProcedureParams,
        body: CreateProcedureLinkBody,
        response: { 201: ProcedureLinkSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await linkProcedure(requireContext(req), req.params.id, req.body)),
  );

  api.delete(
    '/procedures/:id/links/:linkId',
    {
      schema: {
        tags,
        summary: 'Remove a link.',
        params: ProcedureLinkParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await unlinkProcedure(requireContext(req), req.params.id, req.params.linkId);
      return reply.status(204).send();
    },
  );

  api.get(
    '/cases/:trackingNumber/procedures',
    {
      schema: {
        tags,
        summary: 'The approved procedures for a case: linked from its subject or the routing rules it matches.',
        params: CaseProcedureParams,
        response: { 200: CaseProcedureListSchema },
      },
    },
    async (req) => caseProcedures(requireContext(req), req.params.trackingNumber),
  );
}
