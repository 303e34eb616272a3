// /reports/monthly: the commissioner's monthly report for a month as JSON (every count with the case-list filter
// behind it), or as a CSV, XLSX or PDF download of the same numbers.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { JsonOrReportFile, MonthlyReportSchema } from '../../../../shared/reports.ts';
import { requireContext } from '../../../auth/authenticate.ts';
import { invalid } from '../../../errors.ts';
import { parsePeriod, type ReportPeriod } from '../../../../shared/report-periods.ts';
import { buildMonthlyReport } from '../../../reports/monthly-report.ts';
import { monthlyReportDocument } from '../../../reports/monthly-report-document.ts';
import { renderReport, reportFileName } from '../../../reports/render/index.ts';
import { sendFile } from '../file-answer.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { stringEnum } from '../../../../shared/admin.ts';
import { readAsOf } from './indicators.route.ts';

export const MONTHLY_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;

/** A month written YYYY-MM, or a 400 naming the field. */
export function readMonth(text: string, field = 'month'): ReportPeriod {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text.trim()))
    throw invalid(field, 'must be a month written YYYY-MM, e.g. 2026-10');
  return parsePeriod(text);
}

/** Registers the monthly report route. */
export function monthlyReportRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/reports/monthly',
    {
      schema: {
        response: { 200: JsonOrReportFile(MonthlyReportSchema) },
        tags: ['reports'],
        summary:
          "The commissioner's monthly report: volumes against the month before and a year earlier, backlog by age, " +
          'response times, escalations, elected officials, repeat contacts, survey results and new issues. Each ' +
          'count carries `cases`, the GET /cases filter that lists it; format=csv, xlsx or pdf downloads it.',
        querystring: Type.Object({
          month: Type.String({ minLength: 1, maxLength: 20, description: 'The month, YYYY-MM.' }),
          asOf: Type.Optional(
            Type.String({ maxLength: 40, description: 'Take the backlog at this moment (ISO 8601; default now).' }),
          ),
          format: Type.Optional(stringEnum(MONTHLY_FORMATS)),
        }),
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const period = readMonth(req.query.month);
      const report = await buildMonthlyReport(ctx, { period, asOf: readAsOf(req.query.asOf) });
      const format = (req.query.format ?? 'json') as (typeof MONTHLY_FORMATS)[number];
      if (format === 'json') return report;
      const file = await renderReport(monthlyReportDocument(report, ctx.agency.name), format, {
        chromiumPath: deps.config.chromiumPath,
      });
      return sendFile(reply, { ...file, fileName: reportFileName('monthly report', period.key, file.extension) });
    },
  );
}
