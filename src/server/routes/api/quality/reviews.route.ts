// /reviews: response reviews — draw a random sample of closed cases, score one against the rubric, list reviews (a
// worker sees their own), results by worker and unit.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { reviewSummary, reviewsFor, sampleCases } from '../../../queries/response-reviews.ts';
import { createReview } from '../../../commands/quality/review-create.ts';
import { assignReviewTraining } from '../../../commands/quality/review-training.ts';
import { saveRubric } from '../../../commands/quality/rubric-save.ts';
import { rubricOverview, rubricVersionOf } from '../../../queries/review-rubric.ts';
import { Type } from '@sinclair/typebox';
import {
  AssignReviewTrainingBody,
  CreateReviewBody,
  ReviewListQuery,
  ReviewListSchema,
  ReviewSchema,
  ReviewSummarySchema,
  RubricOverviewSchema,
  RubricVersionSchema,
  SampleBody,
  SampleSchema,
  SaveRubricBody,
} from '../../../../shared/quality.ts';
import { IdParams } from '../../../../shared/schema-helpers.ts';

const tags = ['quality'];

/** Registers the response-review routes. */
export function reviewRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/reviews/sample',
    {
      schema: {
        tags,
        summary: 'Draw closed, unreviewed cases at random (by unit, worker, channel, subject, language, dates).',
        body: SampleBody,
        response: { 200: SampleSchema },
      },
    },
    async (req) => sampleCases(requireContext(req), req.body),
  );

  api.post(
    '/reviews',
    {
      schema: {
        tags,
        summary: 'Review a closed case: a score per criterion of the rubric in use, on its scale, and a comment.',
        body: CreateReviewBody,
        response: { 201: ReviewSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createReview(requireContext(req), req.body)),
  );

  api.post(
    '/reviews/:id/training',
    {
      schema: {
        tags,
        summary:
          "Assign a course to the reviewed worker from the review's finding (one per review): it shows in the " +
          'training needs until they complete it, and they are told.',
        params: IdParams,
        body: AssignReviewTrainingBody,
        response: { 200: ReviewSchema },
      },
    },
    async (req) => assignReviewTraining(requireContext(req), req.params.id, req.body),
  );

  api.get(
    '/reviews',
    {
      schema: {
        tags,
        summary: 'Reviews, newest first; a caseworker sees the reviews of their own cases.',
        querystring: ReviewListQuery,
        response: { 200: ReviewListSchema },
      },
    },
    async (req) => reviewsFor(requireContext(req), req.query.workerId),
  );

  api.get(
    '/reviews/summary',
    {
      schema: { tags, summary: 'Average scores by worker and by unit.', response: { 200: ReviewSummarySchema } },
    },
    async (req) => reviewSummary(requireContext(req)),
  );

  api.get(
    '/review-rubric',
    {
      schema: {
        tags,
        summary: 'The review rubric in use (the newest version, else the built-in one) and every saved version.',
        response: { 200: RubricOverviewSchema },
      },
    },
    async (req) => rubricOverview(requireContext(req)),
  );

  api.get(
    '/review-rubric/versions/:version',
    {
      schema: {
        tags,
        summary: 'One saved version of the review rubric (the one a review names in rubricVersion).',
        params: Type.Object({ version: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
        response: { 200: RubricVersionSchema },
      },
    },
    async (req) => rubricVersionOf(requireContext(req), req.params.version),
  );

  api.post(
    '/review-rubric',
    {
      schema: {
        tags,
        summary:
          'Save an edit of the review rubric (administrators): criteria with name, description and weight, and the ' +
          'scale, as the next version; reviews keep the version they were scored with.',
        body: SaveRubricBody,
        response: { 201: RubricVersionSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await saveRubric(requireContext(req), req.body)),
  );
}
