// /reports/indicators: the customer-service indicators of the Mayor's Management Report for a period (JSON, or a
// CSV / XLSX / PDF download), the cases or calls behind each number, and the targets administrators set.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  IndicatorItemsSchema,
  IndicatorTargetsSchema,
  IndicatorsResultSchema,
  JsonOrReportFile,
} from '../../../../shared/reports.ts';
import { requireContext } from '../../../auth/authenticate.ts';
import { invalid } from '../../../errors.ts';
import { parsePeriod, type ReportPeriod } from '../../../../shared/report-periods.ts';
import { computeIndicators, unreportablePeriod } from '../../../reports/indicators.ts';
import { indicatorsDocument } from '../../../reports/indicators-document.ts';
import { indicatorItems } from '../../../reports/indicator-items.ts';
import { listIndicatorTargets, replaceIndicatorTargets } from '../../../reports/indicator-targets.ts';
import type { IndicatorGroup } from '../../../../shared/indicator-definitions.ts';
import { renderReport, reportFileName } from '../../../reports/render/index.ts';
import { sendFile } from '../file-answer.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { stringEnum } from '../../../../shared/admin.ts';

const PeriodField = Type.String({
  minLength: 1,
  maxLength: 40,
  description:
    'A month (2026-10), a quarter (2026-Q3), a city fiscal year (FY2027, July–June) or 2026-01-01..2026-03-31.',
});

const AsOfField = Type.Optional(
  Type.String({
    maxLength: 40,
    description:
      'The moment the numbers are taken at (ISO 8601; default now). Pass the asOf of a table to drill into it.',
  }),
);

const GROUPS: readonly IndicatorGroup[] = ['numerator', 'late', 'pending', 'denominator', 'excluded'];

/** The period of a request, or a 400 naming the field. */
export function readPeriod(text: string, field = 'period'): ReportPeriod {
  let period: ReportPeriod;
  try {
    period = parsePeriod(text);
  } catch (error) {
    throw invalid(field, (error as Error).message);
  }
  const problem = unreportablePeriod(period);
  if (problem) throw invalid(field, problem);
  return period;
}

/** How far ahead of this server's clock an asOf may be (another server of a cluster made the table). */
const CLOCK_SKEW_MS = 60_000;

/** The asOf of a request: now when absent; never in the future. */
export function readAsOf(value: string | undefined, now = new Date()): Date {
  if (value === undefined || value === '') return now;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
    throw invalid('asOf', 'must be an ISO 8601 date-time such as 2026-11-01T08:00:00Z');
  }
  if (date.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('asOf', 'must not be in the future');
  return date;
}

/** Registers the indicator routes. */
export function indicatorRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/reports/indicators',
    {
      schema: {
        response: { 200: JsonOrReportFile(IndicatorsResultSchema) },
        tags: ['reports'],
        summary:
          "The Mayor's Management Report customer-service indicators for a period, with the same period a year " +
          'earlier and targets; format=csv, xlsx or pdf downloads them.',
        querystring: Type.Object({
          period: PeriodField,
          asOf: AsOfField,
          format: Type.Optional(stringEnum(['json', 'csv', 'xlsx', 'pdf'] as const)),
        }),
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const period = readPeriod(req.query.period);
      const result = await computeIndicators(ctx, { period, asOf: readAsOf(req.query.asOf) });
      const format = (req.query.format ?? 'json') as 'json' | 'csv' | 'xlsx' | 'pdf';
      if (format === 'json') return result;
      const doc = indicatorsDocument(result, ctx.agency.name);
      const file = await renderReport(doc, format, { chromiumPath: deps.config.chromiumPath });
      return sendFile(reply, { ...file, fileName: reportFileName('mmr indicators', period.key, file.extension) });
    },
  );

  api.get(
    '/reports/indicators/:key/items',
    {
      schema: {
        response: { 200: IndicatorItemsSchema },
        tags: ['reports'],
        summary:
          'The cases, calls or interpretation requests behind one number of an indicator (numerator, late, pending, ' +
          'denominator or excluded), oldest first, a page at a time; total is the number itself.',
        params: Type.Object({ key: Type.String({ minLength: 1, maxLength: 80 }) }),
        querystring: Type.Object({
          period: PeriodField,
          group: stringEnum(GROUPS),
          asOf: AsOfField,
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
      },
    },
    async (req) =>
      indicatorItems(requireContext(req), {
        key: req.params.key,
        period: readPeriod(req.query.period),
        group: req.query.group as IndicatorGroup,
        asOf: readAsOf(req.query.asOf),
        cursor: req.query.cursor,
        limit: req.query.limit ?? 100,
      }),
  );

  api.get(
    '/reports/indicator-targets',
    {
      schema: {
        response: { 200: IndicatorTargetsSchema },
        tags: ['reports'],
        summary: 'The targets of the agency’s indicators (administrators).',
      },
    },
    async (req) => listIndicatorTargets(requireContext(req)),
  );

  api.put(
    '/reports/indicator-targets',
    {
      schema: {
        response: { 200: IndicatorTargetsSchema },
        tags: ['reports'],
        summary:
          'Replace the targets of the agency’s indicators (administrators): an indicator left out has no target. ' +
          'Percent targets are 0–100, the average wait in seconds.',
        body: Type.Object(
          {
            targets: Type.Array(
              Type.Object(
                { key: Type.String({ minLength: 1, maxLength: 80 }), target: Type.Number() },
                { additionalProperties: false },
              ),
              { maxItems: 200 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => replaceIndicatorTargets(requireContext(req), req.body.targets),
  );
}
