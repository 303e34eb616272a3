// /complaints/{n}/hearing-requests/{id}/position-statement: read and set the position statement of a state hearing
// (facts, citations, witnesses, numbered exhibits) and download the packet as one PDF.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { HearingParamsSchema } from '../../../../shared/complaints.ts';
import { PositionStatementBodySchema, PositionStatementSchema } from '../../../../shared/position-statement.ts';
import { Download } from '../../../../shared/schema-helpers.ts';
import { requireContext } from '../../../auth/authenticate.ts';
import {
  getPositionStatement,
  renderPositionStatement,
  setPositionStatement,
} from '../../../commands/complaints/position-statement.ts';
import { sendFile } from '../file-answer.ts';
import type { RouteDependencies } from '../route-dependencies.ts';

const PATH = '/complaints/:complaintNumber/hearing-requests/:hearingId/position-statement';

/** Registers the position statement routes. */
export function positionStatementRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    PATH,
    {
      schema: {
        tags: ['complaints'],
        summary: "A hearing's position statement and the case attachments it may number as exhibits.",
        params: HearingParamsSchema,
        response: { 200: PositionStatementSchema },
      },
    },
    async (req) => getPositionStatement(requireContext(req), req.params.complaintNumber, req.params.hearingId),
  );
  api.put(
    PATH,
    {
      schema: {
        tags: ['complaints'],
        summary: 'Sets the facts, citations, witnesses and numbered exhibits (attachments of the case, in order).',
        params: HearingParamsSchema,
        body: PositionStatementBodySchema,
        response: { 200: PositionStatementSchema },
      },
    },
    async (req) =>
      setPositionStatement(requireContext(req), req.params.complaintNumber, req.params.hearingId, req.body),
  );
  api.get(
    `${PATH}/pdf`,
    {
      schema: {
        tags: ['complaints'],
        summary: 'The position statement packet as one PDF: complaint, facts, exhibits, witnesses, notices, timeline.',
        params: HearingParamsSchema,
        response: { 200: Download('The position statement packet as a PDF.') },
      },
    },
    async (req, reply) => {
      const { filename, pdf } = await renderPositionStatement(
        requireContext(req),
        deps.config.chromiumPath,
        req.params.complaintNumber,
        req.params.hearingId,
      );
      return sendFile(reply, { body: pdf, contentType: 'application/pdf', fileName: filename, disposition: 'inline' });
    },
  );
}
