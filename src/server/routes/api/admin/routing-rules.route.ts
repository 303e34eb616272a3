// /routing-rules: the ordered intake rules. Everyone signed in reads them and may dry-run them against a sample
// (POST /routing-rules/test writes nothing); administrators create, change, delete and reorder them.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import {
  createRoutingRule,
  listAgencyRoutingRules,
  removeRoutingRule,
  reorderRoutingRules,
  testRoutingRules,
  updateRoutingRuleSettings,
} from '../../../commands/admin/admin-routing-rules.ts';
import type { RuleActions, RuleConditions, WriterType } from '../../../db/schema.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import {
  IdParams,
  NoContent,
  Position,
  RoutingRuleListSchema,
  RoutingRuleSchema,
  RuleActionsSchema,
  RuleConditionsSchema,
  RuleTestOutcomeSchema,
  VersionQuery,
  WRITER_TYPE_VALUES,
  stringEnum,
} from '../../../../shared/admin.ts';

const RuleFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  position: Type.Optional(Position),
  conditions: RuleConditionsSchema,
  actions: RuleActionsSchema,
  stopProcessing: Type.Optional(Type.Boolean({ description: 'A matching rule ends the run (default true).' })),
  active: Type.Optional(Type.Boolean()),
};

const Sample = Type.Object({
  channel: Type.String({ minLength: 1, maxLength: 40 }),
  subject: Type.Optional(Type.Union([Type.String({ maxLength: 70 }), Type.Null()])),
  text: Type.String({ maxLength: 100_000 }),
  writerType: stringEnum(WRITER_TYPE_VALUES),
  language: Type.String({ minLength: 2, maxLength: 35 }),
  facility: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
});

/** Registers the routing-rule routes. */
export function routingRuleRoutes(app: FastifyInstance, _deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/routing-rules',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Routing rules in evaluation order (position, then id).',
        response: { 200: RoutingRuleListSchema },
      },
    },
    async (req) => listAgencyRoutingRules(requireContext(req)),
  );

  api.post(
    '/routing-rules',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Add a routing rule; without a position it goes last (administrators).',
        response: { 201: RoutingRuleSchema },
        body: Type.Object(RuleFields),
      },
    },
    async (req, reply) => {
      const { conditions, actions, ...rest } = req.body;
      const created = await createRoutingRule(requireContext(req), {
        ...rest,
        conditions: conditions as RuleConditions,
        actions: actions as RuleActions,
      });
      return reply.status(201).send(created);
    },
  );

  api.post(
    '/routing-rules/reorder',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Put every rule in the given order; positions become 10, 20, 30, … (administrators).',
        response: { 200: RoutingRuleListSchema },
        body: Type.Object({ ids: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10_000 }) }),
      },
    },
    async (req) => reorderRoutingRules(requireContext(req), req.body.ids),
  );

  api.post(
    '/routing-rules/test',
    {
      schema: {
        tags: ['configuration'],
        summary: 'What the rules (or one rule, as if active) would do to a sample item, condition by condition.',
        response: { 200: RuleTestOutcomeSchema },
        body: Type.Object({ sample: Sample, ruleId: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
    },
    async (req) => {
      const { sample, ruleId } = req.body;
      return testRoutingRules(
        requireContext(req),
        {
          channel: sample.channel,
          subject: sample.subject ?? null,
          text: sample.text,
          writerType: sample.writerType as WriterType,
          language: sample.language,
          facility: sample.facility ?? null,
        },
        ruleId,
      );
    },
  );

  api.patch(
    '/routing-rules/:id',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Change a routing rule; expectedVersion must be the version you edited, else 409 (administrators).',
        response: { 200: RoutingRuleSchema },
        params: IdParams,
        body: Type.Object({
          ...Type.Partial(Type.Object(RuleFields)).properties,
          expectedVersion: Type.Integer({ minimum: 1 }),
        }),
      },
    },
    async (req) => {
      const { conditions, actions, ...rest } = req.body;
      return updateRoutingRuleSettings(requireContext(req), req.params.id, {
        ...rest,
        ...(conditions !== undefined ? { conditions: conditions as RuleConditions } : {}),
        ...(actions !== undefined ? { actions: actions as RuleActions } : {}),
      });
    },
  );

  api.delete(
    '/routing-rules/:id',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Delete a routing rule; ?expectedVersion= guards against deleting a newer edit (administrators).',
        params: IdParams,
        querystring: VersionQuery,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await removeRoutingRule(requireContext(req), req.params.id, req.query.expectedVersion);
      return reply.status(204).send();
    },
  );
}
