// Saved queue views (filters, sort and columns under a name; personal or shared) and bulk coding of many cases:
// preview, apply, undo within the undo window.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import type { CommandContext } from '../../../context.ts';
import {
  changeSavedView,
  createSavedView,
  listSavedViews,
  removeSavedView,
  type SavedViewRecord,
} from '../../../commands/cases/saved-views.ts';
import {
  applyBulkCoding,
  previewBulkCoding,
  undoBulkCoding,
  type BulkSelection,
} from '../../../commands/cases/case-bulk-coding.ts';
import { invalid } from '../../../errors.ts';
import { parseListQuery } from './cases.route.ts';
import {
  BulkCodingBody,
  BulkCodingPreviewSchema,
  BulkCodingResultSchema,
  BulkCodingUndoSchema,
  SavedViewBody,
  SavedViewListSchema,
  SavedViewPatchBody,
  SavedViewSchema,
  type SavedViewDefinition,
} from '../../../../shared/queues.ts';
import { NoContent } from '../../../../shared/schema-helpers.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

function presentSavedView(ctx: CommandContext, v: SavedViewRecord) {
  return {
    id: v.id,
    name: v.name,
    definition: v.definition as SavedViewDefinition,
    owner: { id: v.ownerUserId, name: v.ownerName },
    sharedWith: v.sharedWith,
    sharedUnit: v.sharedUnitId === null ? null : { id: v.sharedUnitId, name: v.sharedUnitName ?? '' },
    version: v.version,
    canEdit: v.ownerUserId === ctx.actor.userId || ctx.actor.role === 'administrator',
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

function selectionOf(ctx: CommandContext, body: Static<typeof BulkCodingBody>): BulkSelection {
  const { trackingNumbers, query } = body.selection;
  if (trackingNumbers && query) throw invalid('selection', 'give either trackingNumbers or query, not both');
  if (trackingNumbers) return { trackingNumbers };
  if (!query) throw invalid('selection', 'give the chosen cases (trackingNumbers) or a filter (query)');
  const { limit: _limit, ...filter } = parseListQuery(ctx, query);
  return { filter };
}

export function queueViewRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/saved-views',
    {
      schema: {
        tags: ['cases'],
        summary: "The queue views the caller may use: their own, their units' and the agency's.",
        response: { 200: SavedViewListSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      return { items: (await listSavedViews(ctx)).map((v) => presentSavedView(ctx, v)) };
    },
  );

  api.post(
    '/saved-views',
    {
      schema: {
        tags: ['cases'],
        summary: 'Save a queue view (filters, sort, columns); sharedWith private (default), unit or agency.',
        body: SavedViewBody,
        response: { 201: SavedViewSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      return reply
        .status(201)
        .send(presentSavedView(ctx, await createSavedView(ctx, req.body as Static<typeof SavedViewBody>)));
    },
  );

  api.patch(
    '/saved-views/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Change or share a queue view (owner or administrator); expectedVersion is the version you edited.',
        params: IdParams,
        body: SavedViewPatchBody,
        response: { 200: SavedViewSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      return presentSavedView(
        ctx,
        await changeSavedView(ctx, req.params.id, req.body as Static<typeof SavedViewPatchBody>),
      );
    },
  );

  api.delete(
    '/saved-views/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Delete a queue view (owner or administrator); ?expectedVersion= guards against a newer edit.',
        params: IdParams,
        querystring: Type.Object({ expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await removeSavedView(requireContext(req), req.params.id, req.query.expectedVersion);
      return reply.status(204).send();
    },
  );

  api.post(
    '/cases/bulk-coding/preview',
    {
      schema: {
        tags: ['cases'],
        summary:
          'What a bulk coding would change: cases per change, cases skipped and why (restricted, closed, …). Writes nothing.',
        body: BulkCodingBody,
        response: { 200: BulkCodingPreviewSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      return previewBulkCoding(ctx, selectionOf(ctx, req.body), req.body.changes);
    },
  );

  api.post(
    '/cases/bulk-coding',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Set subject, priority, tags or unit of the chosen cases or of every case matching a filter; undo until undoUntil.',
        body: BulkCodingBody,
        response: { 200: BulkCodingResultSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const { willChange: _planned, ...result } = await applyBulkCoding(
        ctx,
        selectionOf(ctx, req.body),
        req.body.changes,
      );
      return { ...result, undoUntil: result.undoUntil.toISOString() };
    },
  );

  api.post(
    '/cases/bulk-coding/:id/undo',
    {
      schema: {
        tags: ['cases'],
        summary: 'Undo a bulk coding within its window: cases not changed since get their earlier values and versions.',
        params: IdParams,
        response: { 200: BulkCodingUndoSchema },
      },
    },
    async (req) => undoBulkCoding(requireContext(req), req.params.id),
  );
}
