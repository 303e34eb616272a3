// /action-plans: improvement plans with their actions — list, open, read, add an action, complete an action (with
// evidence), change the plan's status. The commands check fields and roles.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { getActionPlan, listActionPlans } from '../../../queries/action-plans.ts';
import { createActionPlan } from '../../../commands/quality/action-plan-create.ts';
import { addAction } from '../../../commands/quality/action-add.ts';
import { completeAction } from '../../../commands/quality/action-complete.ts';
import { changePlanStatus } from '../../../commands/quality/action-plan-status.ts';
import {
  ActionParams,
  ActionPlanListSchema,
  ActionPlanSchema,
  CompleteActionBody,
  CreateActionPlanBody,
  NewActionBody,
  PlanParams,
  PlanStatusBody,
} from '../../../../shared/quality.ts';

const tags = ['quality'];

/** Registers the action-plan routes. */
export function actionPlanRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/action-plans',
    {
      schema: {
        tags,
        summary: 'Every action plan, open ones first, with open and overdue actions.',
        response: { 200: ActionPlanListSchema },
      },
    },
    async (req) => listActionPlans(requireContext(req)),
  );

  api.post(
    '/action-plans',
    {
      schema: {
        tags,
        summary: 'Open an improvement plan with its actions (supervisors, administrators).',
        body: CreateActionPlanBody,
        response: { 201: ActionPlanSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createActionPlan(requireContext(req), req.body)),
  );

  api.get(
    '/action-plans/:id',
    {
      schema: {
        tags,
        summary: 'One plan with its actions and the measured effect (the measure before and since).',
        params: PlanParams,
        response: { 200: ActionPlanSchema },
      },
    },
    async (req) => getActionPlan(requireContext(req), req.params.id),
  );

  api.post(
    '/action-plans/:id/actions',
    {
      schema: {
        tags,
        summary: 'Add an action to an open plan.',
        params: PlanParams,
        body: NewActionBody,
        response: { 201: ActionPlanSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await addAction(requireContext(req), req.params.id, req.body)),
  );

  api.post(
    '/action-plans/:id/actions/:actionId/complete',
    {
      schema: {
        tags,
        summary: 'Complete an action with its evidence; the last one completes the plan.',
        params: ActionParams,
        body: CompleteActionBody,
        response: { 200: ActionPlanSchema },
      },
    },
    async (req) => completeAction(requireContext(req), req.params.id, req.params.actionId, req.body),
  );

  api.post(
    '/action-plans/:id/status',
    {
      schema: {
        tags,
        summary: 'Set a plan’s status: open, completed or cancelled.',
        params: PlanParams,
        body: PlanStatusBody,
        response: { 200: ActionPlanSchema },
      },
    },
    async (req) => changePlanStatus(requireContext(req), req.params.id, req.body.status),
  );
}
