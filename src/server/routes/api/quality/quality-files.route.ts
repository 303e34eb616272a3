// Files on quality records, through the one attachment storage: the files of a procedure's versions
// (/procedures/{id}/files) and the evidence files of a plan's actions (/action-plans/{id}/files) — list, upload
// (multipart/form-data, field "file"), download and remove. The commands check roles, states and the file itself.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import {
  attachEvidenceFile,
  attachProcedureFile,
  listPlanFiles,
  listProcedureFiles,
  readPlanFile,
  readProcedureFile,
  removePlanFile,
  removeProcedureFile,
} from '../../../commands/quality/quality-files.ts';
import {
  ActionParams,
  PlanFileParams,
  PlanParams,
  ProcedureFileParams,
  ProcedureParams,
  ProcedureVersionParams,
  QualityFileListSchema,
  QualityFileSchema,
} from '../../../../shared/quality.ts';
import { Download, NoContent } from '../../../../shared/schema-helpers.ts';
import { sendStoredFile } from '../file-answer.ts';
import { readUploadedFile } from '../uploaded-file.ts';
import type { RouteDependencies } from '../route-dependencies.ts';

const tags = ['quality'];
const UPLOAD = 'multipart/form-data, field "file"; PDF, images, text or Office documents within the attachment limit';

/** Registers the routes of procedure files and action evidence files. */
export function qualityFileRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const storage = { dataDir: deps.config.dataDir, maxBytes: deps.config.maxAttachmentBytes };

  api.get(
    '/procedures/:id/files',
    {
      schema: {
        tags,
        summary: 'The files of every version of a procedure, newest version first.',
        params: ProcedureParams,
        response: { 200: QualityFileListSchema },
      },
    },
    async (req) => listProcedureFiles(requireContext(req), req.params.id),
  );

  api.post(
    '/procedures/:id/versions/:version/files',
    {
      schema: {
        tags,
        summary: `Add a file to a draft version (${UPLOAD}); supervisors and administrators.`,
        params: ProcedureVersionParams,
        response: { 201: QualityFileSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const { file } = await readUploadedFile(req, storage.maxBytes);
      return reply.status(201).send(await attachProcedureFile(ctx, storage, req.params.id, req.params.version, file));
    },
  );

  api.get(
    '/procedures/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Download a file of a procedure.',
        params: ProcedureFileParams,
        response: { 200: Download('The file, with its own content type.') },
      },
    },
    async (req, reply) => {
      const file = await readProcedureFile(requireContext(req), storage.dataDir, req.params.id, req.params.fileId);
      return sendStoredFile(reply, file);
    },
  );

  api.delete(
    '/procedures/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Remove a file of a draft version; supervisors and administrators.',
        params: ProcedureFileParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await removeProcedureFile(requireContext(req), storage.dataDir, req.params.id, req.params.fileId);
      return reply.status(204).send();
    },
  );

  api.get(
    '/action-plans/:id/files',
    {
      schema: {
        tags,
        summary: "The evidence files of a plan's actions.",
        params: PlanParams,
        response: { 200: QualityFileListSchema },
      },
    },
    async (req) => listPlanFiles(requireContext(req), req.params.id),
  );

  api.post(
    '/action-plans/:id/actions/:actionId/files',
    {
      schema: {
        tags,
        summary: `Add an evidence file to an open action (${UPLOAD}); its owner, the plan's owner, supervisors.`,
        params: ActionParams,
        response: { 201: QualityFileSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const { file } = await readUploadedFile(req, storage.maxBytes);
      return reply.status(201).send(await attachEvidenceFile(ctx, storage, req.params.id, req.params.actionId, file));
    },
  );

  api.get(
    '/action-plans/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Download an evidence file.',
        params: PlanFileParams,
        response: { 200: Download('The file, with its own content type.') },
      },
    },
    async (req, reply) => {
      const file = await readPlanFile(requireContext(req), storage.dataDir, req.params.id, req.params.fileId);
      return sendStoredFile(reply, file);
    },
  );

  api.delete(
    '/action-plans/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Remove an evidence file of an open action.',
        params: PlanFileParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await removePlanFile(requireContext(req), storage.dataDir, req.params.id, req.params.fileId);
      return reply.status(204).send();
    },
  );
}
