// Email intake on the staff API: campaigns (answer a batch with POST /cases/bulk), the quarantine of mail that became
// no case, and the IMAP mailbox of an email channel (administrators; the password is write-only).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { listCampaigns, listQuarantinedMail } from '../../../queries/email-campaigns.ts';
import { acceptQuarantinedMail } from '../../../commands/email/quarantine-accept.ts';
import { AcceptQuarantinedParams, AcceptedQuarantinedMail } from '../../../../shared/email/quarantine.ts';
import {
  getChannelMailbox,
  pollChannelMailbox,
  removeChannelMailbox,
  setChannelMailbox,
} from '../../../commands/email-mailbox.ts';
import type { RouteDependencies } from '../index.ts';

/** A Date presented as an ISO 8601 string (fast-json-stringify formats it). */
const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });
const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 50 }) });
const Limit = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) });

const Campaign = Type.Object({
  key: Type.String(),
  tag: Type.String({ description: 'The tag on every case of the campaign.' }),
  subject: Type.String(),
  count: Type.Integer(),
  openCount: Type.Integer(),
  firstReceivedAt: DateTime,
  lastReceivedAt: DateTime,
  trackingNumbers: Type.Array(Type.String()),
  openTrackingNumbers: Type.Array(Type.String()),
});

const Mailbox = Type.Object({
  channel: Type.String(),
  host: Type.String(),
  port: Type.Integer(),
  secure: Type.Boolean(),
  username: Type.String(),
  hasPassword: Type.Boolean(),
  folder: Type.String(),
  moveTo: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  lastPolledAt: Type.Union([DateTime, Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});

/** Registers the email routes. */
export function emailRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/campaigns',
    {
      schema: {
        tags: ['email'],
        summary:
          'Campaigns: near-identical emails from many senders (same subject and text within 7 days), with counts and ' +
          'tracking numbers; answer one with POST /cases/bulk {action:"respond"}.',
        querystring: Limit,
        response: { 200: Type.Object({ items: Type.Array(Campaign) }) },
      },
    },
    async (req) => ({ items: await listCampaigns(requireContext(req), { limit: req.query.limit ?? 100 }) }),
  );

  api.get(
    '/email/quarantine',
    {
      schema: {
        tags: ['email'],
        summary:
          'Inbound mail kept raw instead of becoming a case: unparsable, auto-replies, bounces, loops (supervisors).',
        querystring: Limit,
      },
    },
    async (req) => ({ items: await listQuarantinedMail(requireContext(req), { limit: req.query.limit ?? 100 }) }),
  );

  api.post(
    '/email/quarantine/:id/accept',
    {
      schema: {
        tags: ['email'],
        summary:
          'Let mail held back from a restricted case (unverified sender) join it as an emailed reply; only someone ' +
          'who may see the case can, and 404 answers anyone else.',
        params: AcceptQuarantinedParams,
        response: { 200: AcceptedQuarantinedMail },
      },
    },
    async (req) => acceptQuarantinedMail(requireContext(req), req.params.id),
  );

  api.get(
    '/channels/:slug/mailbox',
    {
      schema: {
        tags: ['configuration'],
        summary: 'The IMAP mailbox an email channel polls (administrators); the password is never returned.',
        params: Slug,
        response: { 200: Mailbox },
      },
    },
    async (req) => getChannelMailbox(requireContext(req), req.params.slug),
  );

  api.put(
    '/channels/:slug/mailbox',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Set the IMAP mailbox of an email channel (administrators); omit password to keep the stored one.',
        params: Slug,
        body: Type.Object(
          {
            host: Type.String({ minLength: 1, maxLength: 255 }),
            port: Type.Integer({ minimum: 1, maximum: 65535 }),
            secure: Type.Optional(Type.Boolean()),
            username: Type.String({ minLength: 1, maxLength: 320 }),
            password: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            folder: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            moveTo: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Mailbox },
      },
    },
    async (req) => setChannelMailbox(requireContext(req), req.params.slug, req.body),
  );

  api.delete(
    '/channels/:slug/mailbox',
    {
      schema: { tags: ['configuration'], summary: 'Stop polling a channel’s mailbox (administrators).', params: Slug },
    },
    async (req, reply) => {
      await removeChannelMailbox(requireContext(req), req.params.slug);
      return reply.status(204).send();
    },
  );

  api.post(
    '/channels/:slug/mailbox/poll',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Poll a channel’s mailbox now and report what came in (administrators).',
        params: Slug,
      },
    },
    async (req) => pollChannelMailbox(requireContext(req), deps.config, req.params.slug),
  );
}
