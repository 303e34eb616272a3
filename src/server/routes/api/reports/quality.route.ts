// /reports/qa: the quarterly quality-assurance report (measures against goals and thresholds, action plans, review
// results by unit and worker, training completion) as a report document, or as CSV, XLSX or PDF of the same numbers.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { JsonOrReportFile, QualityReportSchema } from '../../../../shared/reports.ts';
import { requireContext } from '../../../auth/authenticate.ts';
import { invalid } from '../../../errors.ts';
import { parsePeriod, type ReportPeriod } from '../../../../shared/report-periods.ts';
import { buildQualityReport } from '../../../reports/quality-report/quality-report.ts';
import { renderReport, reportFileName } from '../../../reports/render/index.ts';
import { sendFile } from '../file-answer.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { stringEnum } from '../../../../shared/admin.ts';
import { readAsOf } from './indicators.route.ts';
import { MONTHLY_FORMATS } from './monthly.route.ts';

function readPeriod(text: string): ReportPeriod {
  try {
    return parsePeriod(text);
  } catch (error) {
    throw invalid('period', (error as Error).message);
  }
}

/** Registers the QA report route. */
export function qualityReportRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/reports/qa',
    {
      schema: {
        response: { 200: JsonOrReportFile(QualityReportSchema) },
        tags: ['reports'],
        summary:
          'The quality-assurance report of a quarter (or a month, fiscal year or range): measures against goals and ' +
          'federal thresholds, indicators against targets, action plans, response reviews by unit and worker, and ' +
          'training completion. format=csv, xlsx or pdf downloads it. Supervisors, administrators and auditors.',
        querystring: Type.Object({
          period: Type.String({ minLength: 1, maxLength: 30, description: 'A quarter (2026-Q3), month, FY or range.' }),
          asOf: Type.Optional(Type.String({ maxLength: 40, description: 'When the report is made (ISO 8601).' })),
          format: Type.Optional(stringEnum(MONTHLY_FORMATS)),
        }),
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const period = readPeriod(req.query.period);
      const doc = await buildQualityReport(ctx, { period, asOf: readAsOf(req.query.asOf) });
      const format = (req.query.format ?? 'json') as (typeof MONTHLY_FORMATS)[number];
      if (format === 'json') return doc;
      const file = await renderReport(doc, format, { chromiumPath: deps.config.chromiumPath });
      return sendFile(reply, { ...file, fileName: reportFileName('qa report', period.key, file.extension) });
    },
  );
}
