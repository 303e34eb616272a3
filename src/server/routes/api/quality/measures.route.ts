// /measures: the catalogue (federal, California, the agency's own, civicdesk's computed indicators), one measure
// with its values and goals, entering a period's value, CSV import of values, annual goals; /quality/scorecard.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { measureCatalogue, measureDetail, scorecard } from '../../../queries/quality-measures.ts';
import { createMeasure } from '../../../commands/quality/measure-create.ts';
import { enterMeasureValue } from '../../../commands/quality/measure-value-enter.ts';
import { importMeasureValues } from '../../../commands/quality/measure-values-import.ts';
import { setMeasureGoal } from '../../../commands/quality/measure-goal-set.ts';
import {
  CreateMeasureBody,
  EnterValueBody,
  GoalParams,
  GoalSchema,
  ImportValuesBody,
  ImportValuesResult,
  MeasureDetailSchema,
  MeasureKeyParams,
  MeasureListSchema,
  MeasureSchema,
  MeasureValueSchema,
  ScorecardSchema,
  SetGoalBody,
} from '../../../../shared/quality.ts';

const tags = ['quality'];

/** Registers the measure routes. */
export function measureRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/measures',
    {
      schema: {
        tags,
        summary: 'The measures catalogue: federal and state measures, the agency’s own, civicdesk’s indicators.',
        response: { 200: MeasureListSchema },
      },
    },
    async (req) => measureCatalogue(requireContext(req)),
  );

  api.post(
    '/measures',
    {
      schema: {
        tags,
        summary: 'Define a measure of the agency’s own (supervisors, administrators).',
        body: CreateMeasureBody,
        response: { 201: MeasureSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createMeasure(requireContext(req), req.body)),
  );

  api.post(
    '/measures/values/import',
    {
      schema: {
        tags,
        summary:
          'Import values from CSV: every row checked first; any problem → 400 by row and column, nothing written.',
        body: ImportValuesBody,
        response: { 201: ImportValuesResult },
      },
    },
    async (req, reply) => reply.status(201).send(await importMeasureValues(requireContext(req), req.body.csv)),
  );

  api.get(
    '/measures/:key',
    {
      schema: {
        tags,
        summary: 'One measure with its values (oldest first), goals and trend.',
        params: MeasureKeyParams,
        response: { 200: MeasureDetailSchema },
      },
    },
    async (req) => measureDetail(requireContext(req), req.params.key),
  );

  api.post(
    '/measures/:key/values',
    {
      schema: {
        tags,
        summary: 'Enter a period’s value (numerator ÷ denominator); a period entered again is replaced, with audit.',
        params: MeasureKeyParams,
        body: EnterValueBody,
        response: { 201: MeasureValueSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await enterMeasureValue(requireContext(req), req.params.key, req.body)),
  );

  api.put(
    '/measures/:key/goals/:year',
    {
      schema: {
        tags,
        summary: 'Set the agency’s goal for a year (a share 0–1 for percentages).',
        params: GoalParams,
        body: SetGoalBody,
        response: { 200: GoalSchema },
      },
    },
    async (req) => setMeasureGoal(requireContext(req), req.params.key, req.params.year, req.body.goal),
  );

  api.get(
    '/quality/scorecard',
    {
      schema: {
        tags,
        summary: 'Each measure’s latest value against its goal and thresholds, with its recent periods.',
        response: { 200: ScorecardSchema },
      },
    },
    async (req) => scorecard(requireContext(req)),
  );
}
