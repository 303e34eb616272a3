// /materials: the public information materials library — list and add materials, draft versions per language,
// upload a version's file (attachment storage, type-checked), approve or retire a version, download the file, and
// record distributions.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { createMaterial } from '../../../commands/community/material-create.ts';
import { addMaterialVersion } from '../../../commands/community/material-version-add.ts';
import { attachMaterialFile, readMaterialFile } from '../../../commands/community/material-version-file.ts';
import { approveMaterialVersion, retireMaterialVersion } from '../../../commands/community/material-decision.ts';
import { recordDistribution } from '../../../commands/community/material-distribution.ts';
import { materialList, materialView } from '../../../queries/materials.ts';
import {
  AddMaterialVersionBody,
  CreateMaterialBody,
  ListMaterialsQuery,
  Material,
  MaterialList,
  MaterialParams,
  MaterialVersionParams,
  RecordDistributionBody,
} from '../../../../shared/materials.ts';
import { Download } from '../../../../shared/schema-helpers.ts';
import { sendStoredFile } from '../file-answer.ts';
import { readUploadedFile } from '../uploaded-file.ts';
import type { RouteDependencies } from '../route-dependencies.ts';

const tags = ['community'];
const FileStored = Type.Object({ filename: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer() });

/** Registers the materials library routes. */
export function materialRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/materials',
    {
      schema: {
        tags,
        summary: 'The materials library: flyers, brochures, fact sheets and scripts, by title.',
        querystring: ListMaterialsQuery,
        response: { 200: MaterialList },
      },
    },
    async (req) => materialList(requireContext(req), req.query),
  );

  api.post(
    '/materials',
    {
      schema: {
        tags,
        summary: 'Add a material to the library.',
        body: CreateMaterialBody,
        response: { 201: Material },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const { id } = await createMaterial(ctx, req.body);
      return reply.status(201).send(await materialView(ctx, id));
    },
  );

  api.get(
    '/materials/:id',
    {
      schema: {
        tags,
        summary: 'One material with its versions per language and its distribution log.',
        params: MaterialParams,
        response: { 200: Material },
      },
    },
    async (req) => materialView(requireContext(req), req.params.id),
  );

  api.post(
    '/materials/:id/versions',
    {
      schema: {
        tags,
        summary: 'Draft a new version in a language (its file follows); the approved one stays in use until then.',
        params: MaterialParams,
        body: AddMaterialVersionBody,
        response: { 201: Material },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      await addMaterialVersion(ctx, req.params.id, req.body);
      return reply.status(201).send(await materialView(ctx, req.params.id));
    },
  );

  api.post(
    '/materials/:id/versions/:versionId/file',
    {
      schema: {
        tags,
        summary: 'Upload the file of a draft version (multipart/form-data, field "file"; PDF, images, Office).',
        params: MaterialVersionParams,
        response: { 201: FileStored },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const { file } = await readUploadedFile(req, deps.config.maxAttachmentBytes);
      const stored = await attachMaterialFile(
        ctx,
        { dataDir: deps.config.dataDir, maxBytes: deps.config.maxAttachmentBytes },
        req.params.id,
        req.params.versionId,
        file,
      );
      return reply.status(201).send(stored);
    },
  );

  api.get(
    '/materials/:id/versions/:versionId/file',
    {
      schema: {
        tags,
        summary: 'Download the file of a version.',
        params: MaterialVersionParams,
        response: { 200: Download('The file, with its own content type.') },
      },
    },
    async (req, reply) => {
      const file = await readMaterialFile(
        requireContext(req),
        deps.config.dataDir,
        req.params.id,
        req.params.versionId,
      );
      return sendStoredFile(reply, file);
    },
  );

  for (const [path, decide, summary] of [
    [
      'approve',
      approveMaterialVersion,
      'Approve a draft version (supervisors, administrators); retires the one before.',
    ],
    ['retire', retireMaterialVersion, 'Retire an approved version (supervisors, administrators).'],
  ] as const) {
    api.post(
      `/materials/:id/versions/:versionId/${path}`,
      { schema: { tags, summary, params: MaterialVersionParams, response: { 200: Material } } },
      async (req) => {
        const ctx = requireContext(req);
        await decide(ctx, req.params.id, req.params.versionId);
        return materialView(ctx, req.params.id);
      },
    );
  }

  api.post(
    '/materials/:id/distributions',
    {
      schema: {
        tags,
        summary: 'Record copies handed out: language, how many, when, and to which engagement, organisation or person.',
        params: MaterialParams,
        body: RecordDistributionBody,
        response: { 201: Material },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      await recordDistribution(ctx, req.params.id, req.body);
      return reply.status(201).send(await materialView(ctx, req.params.id));
    },
  );
}
