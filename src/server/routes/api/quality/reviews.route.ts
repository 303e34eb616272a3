// /reviews: response reviews — draw a random sample of closed cases, score one against the rubric, list reviews (a
// worker sees their own), results by worker and unit.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { reviewSummary, reviewsFor, sampleCases } from '../../../queries/response-reviews.ts';
import { createReview } from '../../../commands/quality/review-create.ts';
import {
  CreateReviewBody,
  ReviewListQuery,
  ReviewListSchema,
  ReviewSchema,
  ReviewSummarySchema,
  SampleBody,
  SampleSchema,
} from '../../../../shared/quality.ts';

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
        summary: 'Review a closed case: a 1–5 score per rubric criterion and a comment.',
        body: CreateReviewBody,
        response: { 201: ReviewSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createReview(requireContext(req), req.body)),
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
}
