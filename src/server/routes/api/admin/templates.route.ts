// /templates: the response-template library with versions and approval. Everyone signed in reads; caseworkers,
// supervisors and administrators draft and submit; supervisors and administrators (never the drafter) approve or
// reject; administrators retire. GET /templates/approved hands out only an approved version.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { findApprovedTemplate, getTemplateDetail, listTemplateLibrary } from '../../../commands/template-library.ts';
import { TEMPLATE_LIMITS, addTemplateVersion, createTemplate } from '../../../commands/template-drafts.ts';
import {
  approveTemplateVersion,
  rejectTemplateVersion,
  retireTemplateVersion,
  submitTemplateVersion,
} from '../../../commands/template-approval.ts';
import type { TemplateChannel, TemplateStatus } from '../../../db/schema.ts';
import type { RouteDependencies } from '../index.ts';
import { stringEnum } from './admin-schemas.ts';

const CHANNELS: readonly TemplateChannel[] = ['email', 'letter', 'phone'];
const STATUSES: readonly TemplateStatus[] = ['draft', 'submitted', 'approved', 'rejected', 'retired'];
const Subject = Type.String({ maxLength: TEMPLATE_LIMITS.subject });
const Body = Type.String({ minLength: 1, maxLength: TEMPLATE_LIMITS.body });
const VersionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 1 }) });
const Decision = Type.Object({ note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) });
// Approve and reject may be sent without a body; validate it as an empty decision.
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
        querystring: Type.Object({
          code: Type.Optional(Type.String({ maxLength: 60 })),
          channel: Type.Optional(stringEnum(CHANNELS)),
          language: Type.Optional(Type.String({ maxLength: 35 })),
          status: Type.Optional(stringEnum(STATUSES)),
        }),
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
        querystring: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 60 }),
          channel: stringEnum(CHANNELS),
          language: Type.Optional(Type.String({ minLength: 2, maxLength: 35 })),
        }),
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
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
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
        body: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 60 }),
          name: Type.String({ minLength: 1, maxLength: TEMPLATE_LIMITS.name }),
          channel: stringEnum(CHANNELS),
          language: Type.String({ minLength: 2, maxLength: 35 }),
          purpose: Type.Optional(Type.String({ maxLength: 60 })),
          responseKind: Type.Optional(
            Type.Union([Type.Literal('acknowledgement'), Type.Literal('substantive')], {
              description: 'Only a substantive response stops the first-response clock and counts in the indicators.',
            }),
          ),
          subject: Subject,
          body: Body,
        }),
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
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ subject: Subject, body: Body }),
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
        params: VersionParams,
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
        params: VersionParams,
        body: Decision,
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
        params: VersionParams,
        body: Decision,
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
        params: VersionParams,
      },
    },
    async (req) => retireTemplateVersion(requireContext(req), req.params.id, req.params.version),
  );
}
