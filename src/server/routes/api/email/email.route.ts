// Email intake on the staff API: campaigns (answer a batch with POST /cases/bulk), the quarantine of mail that became
// no case, and the IMAP mailbox of an email channel (administrators; the password is write-only).
import {
  CampaignSchema as Campaign,
  MailboxBody,
  MailboxSchema as Mailbox,
  MailboxSlugParams as Slug,
  MailListQuery as Limit,
  MailPollResultSchema,
  QuarantinedMailSchema,
} from '../../../../shared/email.ts';
import { NoContent } from '../../../../shared/schema-helpers.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { listCampaigns, listQuarantinedMail } from '../../../queries/email-campaigns-queries.ts';
import { acceptQuarantinedMail, rejectQuarantinedMail } from '../../../commands/email/quarantine-accept.ts';
import { AcceptQuarantinedParams, AcceptedQuarantinedMail } from '../../../../shared/email/quarantine.ts';
import {
  getChannelMailbox,
  pollChannelMailbox,
  removeChannelMailbox,
  setChannelMailbox,
} from '../../../commands/email/email-mailbox.ts';
import type { RouteDependencies } from '../route-dependencies.ts';

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
        response: { 200: Type.Object({ items: Type.Array(QuarantinedMailSchema) }) },
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

  api.post(
    '/email/quarantine/:id/reject',
    {
      schema: {
        tags: ['email'],
        summary:
          'Turn away mail held back from a restricted case: it stays on record but no longer waits; only someone ' +
          'who may see the case can, and 404 answers anyone else.',
        params: AcceptQuarantinedParams,
        response: { 200: AcceptedQuarantinedMail },
      },
    },
    async (req) => rejectQuarantinedMail(requireContext(req), req.params.id),
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
        body: MailboxBody,
        response: { 200: Mailbox },
      },
    },
    async (req) => setChannelMailbox(requireContext(req), deps.config, req.params.slug, req.body),
  );

  api.delete(
    '/channels/:slug/mailbox',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Stop polling a channel’s mailbox (administrators).',
        params: Slug,
        response: { 204: NoContent },
      },
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
        response: { 200: MailPollResultSchema },
      },
    },
    async (req) => pollChannelMailbox(requireContext(req), deps.config, req.params.slug),
  );
}
