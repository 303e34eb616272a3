// /reports/crosstab and /reports/saved: run an ad-hoc cross-tab (JSON, or a CSV / XLSX download), list the cases
// behind one of its numbers, and keep saved reports (create, open, change, share, delete, run). Every run and
// every drill-down counts only the cases the signed-in reader may see, whoever saved the report.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { NoContent } from '../../../../shared/schema-helpers.ts';
import {
  CrosstabCasesSchema,
  CrosstabRunSchema,
  JsonOrReportFile,
  SavedReportListSchema,
  SavedReportRunSchema,
  SavedReportSchema,
} from '../../../../shared/reports.ts';
import { requireContext } from '../../../auth/authenticate.ts';
import type { CommandContext } from '../../../context.ts';
import { invalid } from '../../../errors.ts';
import {
  changeSavedReport,
  createSavedReport,
  getSavedReport,
  listSavedReports,
  removeSavedReport,
  type SavedReportRecord,
  type SharedWith,
} from '../../../commands/reports/saved-reports.ts';
import { crosstabDocument, runCrosstabDefinition } from '../../../reports/crosstab.ts';
import { crosstabCases } from '../../../reports/crosstab-cases.ts';
import type { DimensionValue } from '../../../reports/crosstab-sql.ts';
import { validateCrosstabDefinition, DIMENSIONS, MEASURES } from '../../../reports/crosstab-definition.ts';
import { runSavedReport, savedReportDocument } from '../../../reports/saved-report.ts';
import type { ReportDocument } from '../../../../shared/report-document.ts';
import { renderReport, reportFileName } from '../../../reports/render/index.ts';
import { sendFile } from '../file-answer.ts';
import { stringEnum } from '../../../../shared/admin.ts';

const list = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(item: T) =>
  Type.Optional(Type.Array(item, { maxItems: 100 }));

const Definition = Type.Object(
  {
    filters: Type.Object({
      period: Type.String({
        maxLength: 40,
        description: 'YYYY-MM, YYYY-Qn, FYyyyy (July–June) or YYYY-MM-DD..YYYY-MM-DD; cases received in it.',
      }),
      channel: list(Type.String({ maxLength: 40 })),
      unitId: list(Type.Integer({ minimum: 1, maximum: 2147483647 })),
      subject: list(Type.String({ maxLength: 70, description: 'A first-level code also takes its children.' })),
      status: list(Type.String({ maxLength: 40, description: '"open" is every status but closed.' })),
      writerType: list(Type.String({ maxLength: 40 })),
      language: list(Type.String({ maxLength: 35 })),
      facility: list(Type.String({ maxLength: 200 })),
    }),
    rows: Type.Optional(
      Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10, description: `0–2 of ${DIMENSIONS.join(', ')}` }),
    ),
    columns: Type.Optional(
      Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10, description: `0–1 of ${DIMENSIONS.join(', ')}` }),
    ),
    measure: Type.Optional(Type.String({ maxLength: 60, description: `One of ${MEASURES.join(', ')}` })),
  },
  { description: 'A cross-tab: filters, row and column dimensions, and a measure.' },
);

// Items are checked against the definition's dimensions by crosstabCases: an untyped schema keeps the type coercion
// of the request validator from turning a unit id into text or a null into an empty string.
const Coordinates = Type.Union([Type.Null(), Type.Array(Type.Unknown(), { maxItems: 2 })], {
  description: 'One value per dimension: a unit or assignee id, otherwise text; null for "none".',
});

const DownloadFormat = Type.Optional(stringEnum(['json', 'csv', 'xlsx'] as const));
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
const SHARED_WITH_VALUES: readonly SharedWith[] = ['private', 'unit', 'agency'];

const SavedFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  definition: Definition,
  sharedWith: Type.Optional(stringEnum(SHARED_WITH_VALUES, { description: 'private (default), unit or agency' })),
  sharedUnitId: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()])),
};

/** A saved report as the API shows it; canEdit says whether the reader may change or delete it. */
function presentSavedReport(ctx: CommandContext, r: SavedReportRecord) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    definition: r.definition,
    owner: { id: r.ownerUserId, name: r.ownerName },
    sharedWith: r.sharedWith,
    sharedUnit: r.sharedUnitId === null ? null : { id: r.sharedUnitId, name: r.sharedUnitName ?? '' },
    version: r.version,
    canEdit: r.ownerUserId === ctx.actor.userId || ctx.actor.role === 'administrator',
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function sendDocument(reply: FastifyReply, doc: ReportDocument, periodKey: string, format: 'csv' | 'xlsx') {
  const file = await renderReport(doc, format);
  return sendFile(reply, { ...file, fileName: reportFileName(doc.title, periodKey, file.extension) });
}

function readAsOf(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
    throw invalid('asOf', 'must be an ISO 8601 date-time, e.g. the asOf of the table being drilled into');
  }
  return date;
}

/** Registers the cross-tab and saved-report routes. */
export function crosstabRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/reports/crosstab',
    {
      schema: {
        response: { 200: JsonOrReportFile(CrosstabRunSchema) },
        tags: ['reports'],
        summary: 'Run a cross-tab for the signed-in reader; format=csv or xlsx downloads it.',
        querystring: Type.Object({ format: DownloadFormat }),
        body: Definition,
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const run = await runCrosstabDefinition(ctx, req.body);
      const format = (req.query.format ?? 'json') as 'json' | 'csv' | 'xlsx';
      if (format === 'json') return run;
      return sendDocument(
        reply,
        crosstabDocument(run.definition, run.result, ctx.agency.name),
        run.result.period.key,
        format,
      );
    },
  );

  api.get(
    '/reports/crosstab',
    {
      schema: {
        response: { 200: JsonOrReportFile(CrosstabRunSchema) },
        tags: ['reports'],
        summary:
          'The same as POST /reports/crosstab with the definition as JSON in ?definition=, so that a download is a plain link.',
        querystring: Type.Object({ definition: Type.String({ maxLength: 8000 }), format: DownloadFormat }),
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      let input: unknown;
      try {
        input = JSON.parse(req.query.definition);
      } catch {
        throw invalid('definition', 'must be a cross-tab definition written as JSON');
      }
      const run = await runCrosstabDefinition(ctx, input);
      const format = (req.query.format ?? 'json') as 'json' | 'csv' | 'xlsx';
      if (format === 'json') return run;
      const doc = crosstabDocument(run.definition, run.result, ctx.agency.name);
      return sendDocument(reply, doc, run.result.period.key, format);
    },
  );

  api.post(
    '/reports/crosstab/cases',
    {
      schema: {
        response: { 200: CrosstabCasesSchema },
        tags: ['reports'],
        summary:
          'The cases behind one number of a cross-tab (row and column values; leave one out for a total), a page at a time.',
        body: Type.Object({
          definition: Definition,
          row: Type.Optional(Coordinates),
          column: Type.Optional(Coordinates),
          asOf: Type.Optional(
            Type.String({ maxLength: 40, description: 'The asOf of the table, so that "open" means the same.' }),
          ),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const { definition, period } = validateCrosstabDefinition(req.body.definition);
      return crosstabCases(
        ctx,
        definition,
        period,
        {
          row: req.body.row as DimensionValue[] | null | undefined,
          column: req.body.column as DimensionValue[] | null | undefined,
        },
        { limit: req.body.limit ?? 50, cursor: req.body.cursor },
        readAsOf(req.body.asOf),
      );
    },
  );

  api.get(
    '/reports/saved',
    {
      schema: {
        response: { 200: SavedReportListSchema },
        tags: ['reports'],
        summary: 'Saved reports you may open: yours, your units’ and the agency’s.',
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      return (await listSavedReports(ctx)).map((r) => presentSavedReport(ctx, r));
    },
  );

  api.post(
    '/reports/saved',
    {
      schema: {
        response: { 201: SavedReportSchema },
        tags: ['reports'],
        summary: 'Save a cross-tab; share it with a unit you belong to or with the agency.',
        body: Type.Object(SavedFields),
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      return reply
        .status(201)
        .send(
          presentSavedReport(
            ctx,
            await createSavedReport(ctx, { ...req.body, sharedWith: req.body.sharedWith as SharedWith | undefined }),
          ),
        );
    },
  );

  api.get(
    '/reports/saved/:id',
    {
      schema: {
        response: { 200: SavedReportSchema },
        tags: ['reports'],
        summary: 'One saved report.',
        params: IdParams,
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      return presentSavedReport(ctx, await getSavedReport(ctx, req.params.id));
    },
  );

  api.patch(
    '/reports/saved/:id',
    {
      schema: {
        response: { 200: SavedReportSchema },
        tags: ['reports'],
        summary:
          'Change or share a saved report (owner or administrator); expectedVersion must be the version you edited.',
        params: IdParams,
        body: Type.Object({
          ...Type.Partial(Type.Object(SavedFields)).properties,
          expectedVersion: Type.Integer({ minimum: 1 }),
        }),
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      return presentSavedReport(
        ctx,
        await changeSavedReport(ctx, req.params.id, {
          ...req.body,
          sharedWith: req.body.sharedWith as SharedWith | undefined,
        }),
      );
    },
  );

  api.delete(
    '/reports/saved/:id',
    {
      schema: {
        response: { 204: NoContent },
        tags: ['reports'],
        summary: 'Delete a saved report (owner or administrator); ?expectedVersion= guards against a newer edit.',
        params: IdParams,
        querystring: Type.Object({ expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
    },
    async (req, reply) => {
      await removeSavedReport(requireContext(req), req.params.id, req.query.expectedVersion);
      return reply.status(204).send();
    },
  );

  api.get(
    '/reports/saved/:id/run',
    {
      schema: {
        response: { 200: JsonOrReportFile(SavedReportRunSchema) },
        tags: ['reports'],
        summary:
          'Run a saved report for the signed-in reader (optionally for another period); format=csv or xlsx downloads it.',
        params: IdParams,
        querystring: Type.Object({ format: DownloadFormat, period: Type.Optional(Type.String({ maxLength: 40 })) }),
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const run = await runSavedReport(ctx, req.params.id, { period: req.query.period || undefined });
      const format = (req.query.format ?? 'json') as 'json' | 'csv' | 'xlsx';
      if (format === 'json') {
        return { report: presentSavedReport(ctx, run.report), definition: run.definition, result: run.result };
      }
      return sendDocument(reply, savedReportDocument(run, ctx.agency.name), run.result.period.key, format);
    },
  );
}
