// /notices: notices to the public — preview who a notice reaches (counts by language and channel, who is left out
// and why), send it (supervisors and administrators), list them, read one with its delivery log; and a person's
// opt-out from notices.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { planNotice, presentPlan } from '../../../commands/community/notice-plan.ts';
import { sendNotice } from '../../../commands/community/notice-send.ts';
import { noticeOptOut, setNoticeOptOut } from '../../../commands/community/notice-opt-out.ts';
import { noticeList, noticeView } from '../../../queries/notices.ts';
import {
  Notice,
  NoticeBody,
  NoticeList,
  NoticeParams,
  NoticePreview,
  OptOut,
  OptOutBody,
  OptOutParams,
} from '../../../../shared/notices.ts';
import type { RouteDependencies } from '../route-dependencies.ts';

const tags = ['community'];
/** A person's opt-out is documented with the other people routes. */
const personTags = ['people'];

/** Registers the notices routes. */
export function noticeRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/notices/preview',
    {
      schema: {
        tags,
        summary: 'Preview a notice: recipients by language and channel, people left out by reason, missing templates.',
        body: NoticeBody,
        response: { 200: NoticePreview },
      },
    },
    async (req) => {
      const now = new Date();
      const plan = await planNotice(requireContext(req), req.body, { perMinute: deps.config.bulkMailPerMinute, now });
      return presentPlan(plan, now);
    },
  );

  api.post(
    '/notices',
    {
      schema: {
        tags,
        summary: 'Send a notice: email through the outbox at the relay’s rate, letters to the print batch.',
        body: NoticeBody,
        response: { 201: Notice },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const id = await sendNotice(ctx, req.body, {
        perMinute: deps.config.bulkMailPerMinute,
        statusUrlBase: deps.config.publicUrl,
      });
      return reply.status(201).send(await noticeView(ctx, id));
    },
  );

  api.get(
    '/notices',
    { schema: { tags, summary: 'Notices sent, newest first.', response: { 200: NoticeList } } },
    async (req) => noticeList(requireContext(req)),
  );

  api.get(
    '/notices/:id',
    {
      schema: {
        tags,
        summary: 'One notice with its delivery log.',
        params: NoticeParams,
        response: { 200: Notice },
      },
    },
    async (req) => noticeView(requireContext(req), req.params.id),
  );

  api.get(
    '/people/:personId/notice-opt-out',
    {
      schema: {
        tags: personTags,
        summary: 'Whether the person asked for no notices.',
        params: OptOutParams,
        response: { 200: OptOut },
      },
    },
    async (req) => noticeOptOut(requireContext(req), req.params.personId),
  );

  api.put(
    '/people/:personId/notice-opt-out',
    {
      schema: {
        tags: personTags,
        summary: 'Record that the person wants no notices to the public.',
        params: OptOutParams,
        body: OptOutBody,
        response: { 200: OptOut },
      },
    },
    async (req) => setNoticeOptOut(requireContext(req), req.params.personId, true, req.body.reason),
  );

  api.delete(
    '/people/:personId/notice-opt-out',
    {
      schema: { tags: personTags, summary: 'Withdraw the opt-out.', params: OptOutParams, response: { 200: OptOut } },
    },
    async (req) => setNoticeOptOut(requireContext(req), req.params.personId, false),
  );
}
