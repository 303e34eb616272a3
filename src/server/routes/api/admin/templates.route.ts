// /templates: the response-template library with versions and approval. Everyone signed in reads; caseworkers,
// supervisors and administrators draft and submit; supervisors and administrators (never the drafter) approve or
// reject; administrators retire. GET /templates/approved hands out only an approved version.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import {
  findApprovedTemplate,
  getTemplateDetail,
  listTemplateLibrary,
} from '../../../commands/templates/template-library.ts';
import { addTemplateVersion, createTemplate } from '../../../commands/templates/template-drafts.ts';
import {
  approveTemplateVersion,
  rejectTemplateVersion,
  retireTemplateVersion,
  submitTemplateVersion,
} from '../../../commands/templates/template-approval.ts';
import type { TemplateChannel, TemplateStatus } from '../../../db/schema.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import {
  ApprovedTemplateQuery,
  ApprovedTemplateSchema,
  CreateTemplateBody,
  TemplateDecisionBody,
  TemplateDetailSchema,
  TemplateIdParams,
  TemplateListQuery,
  TemplateListSchema,
  TemplateVersionBody,
  TemplateVersionParams,
  TemplateVersionSchema,
} from '../../../../shared/templates.ts';

const emptyBodyIsEmptyDecision = async (req: { body: unknown }) => {
  req.body ??= {};
};

/** Registers the template routes. */
export function templateRoutes(app: FastifyInstance, _deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/templates',
    {
      schema: {
        tags: ['templates'],
        summary:
          'Templates with their latest version (no body) and approved version number; status = has a version in it.',
        querystring: TemplateListQuery,
        response: { 200: TemplateListSchema },
      },
    },
    async (req) =>
      listTemplateLibrary(requireContext(req), {
        code: req.query.code || undefined,
        channel: (req.query.channel as TemplateChannel | undefined) || undefined,
        language: req.query.language || undefined,
        status: (req.query.status as TemplateStatus | undefined) || undefined,
      }),
  );

  api.get(
    '/templates/approved',
    {
      schema: {
        tags: ['templates'],
        summary: 'The approved version to use; falls back to English (fallback: true) when the language has none.',
        querystring: ApprovedTemplateQuery,
        response: { 200: ApprovedTemplateSchema },
      },
    },
    async (req) =>
      findApprovedTemplate(requireContext(req), {
        code: req.query.code,
        channel: req.query.channel as TemplateChannel,
        language: req.query.language ?? 'en',
      }),
  );

  api.get(
    '/templates/:id',
    {
      schema: {
        tags: ['templates'],
        summary: 'One template with every version, newest first.',
        params: TemplateIdParams,
        response: { 200: TemplateDetailSchema },
      },
    },
    async (req) => getTemplateDetail(requireContext(req), req.params.id),
  );

  api.post(
    '/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'Create a template; version 1 is a draft (caseworkers, supervisors, administrators).',
        body: CreateTemplateBody,
        response: { 201: TemplateDetailSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createTemplate(requireContext(req), { ...req.body, channel: req.body.channel as TemplateChannel })),
  );

  api.post(
    '/templates/:id/versions',
    {
      schema: {
        tags: ['templates'],
        summary: 'Add a new draft version (the way to edit any version) (caseworkers, supervisors, administrators).',
        params: TemplateIdParams,
        body: TemplateVersionBody,
        response: { 201: TemplateVersionSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addTemplateVersion(requireContext(req), req.params.id, req.body)),
  );

  api.post(
    '/templates/:id/versions/:version/submit',
    {
      schema: {
        tags: ['templates'],
        summary: 'Submit a draft version for approval (caseworkers, supervisors, administrators).',
        params: TemplateVersionParams,
        response: { 200: TemplateVersionSchema },
      },
    },
    async (req) => submitTemplateVersion(requireContext(req), req.params.id, req.params.version),
  );

  api.post(
    '/templates/:id/versions/:version/approve',
    {
      schema: {
        tags: ['templates'],
        summary:
          'Approve a submitted version and retire the one approved before (supervisors, administrators; not the drafter).',
        params: TemplateVersionParams,
        response: { 200: TemplateVersionSchema },
        body: TemplateDecisionBody,
      },
      preValidation: emptyBodyIsEmptyDecision,
    },
    async (req) => approveTemplateVersion(requireContext(req), req.params.id, req.params.version, req.body.note),
  );

  api.post(
    '/templates/:id/versions/:version/reject',
    {
      schema: {
        tags: ['templates'],
        summary: 'Reject a submitted version with an optional note (supervisors, administrators; not the drafter).',
        params: TemplateVersionParams,
        response: { 200: TemplateVersionSchema },
        body: TemplateDecisionBody,
      },
      preValidation: emptyBodyIsEmptyDecision,
    },
    async (req) => rejectTemplateVersion(requireContext(req), req.params.id, req.params.version, req.body.note),
  );

  api.post(
    '/templates/:id/versions/:version/retire',
    {
      schema: {
        tags: ['templates'],
        summary: 'Retire an approved version; the template then has none in use (administrators).',
        params: TemplateVersionParams,
        response: { 200: TemplateVersionSchema },
      },
    },
    async (req) => retireTemplateVersion(requireContext(req), req.params.id, req.params.version),
  );
}
