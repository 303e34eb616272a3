// /reports/ombudsperson: the ombudsperson's periodic report for a month, quarter or range of days, as JSON (the
// report document) or a CSV, XLSX or PDF download of the same numbers.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { JsonOrReportFile } from '../../../../shared/reports.ts';
import {
  OmbudspersonItemsQuerySchema,
  OmbudspersonItemsSchema,
  OmbudspersonReportQuerySchema,
  OmbudspersonReportSchema,
  federalFiscalYear,
} from '../../../../shared/ombudsperson-report.ts';
import { requireContext } from '../../../auth/authenticate.ts';
import { invalid } from '../../../errors.ts';
import { parsePeriod, type ReportPeriod } from '../../../../shared/report-periods.ts';
import { buildOmbudspersonReport, ombudspersonItems } from '../../../reports/ombudsperson/ombudsperson-report.ts';
import { renderReport, reportFileName } from '../../../reports/render/index.ts';
import { sendFile } from '../file-answer.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { readAsOf } from './indicators.route.ts';

function readPeriod(text: string): ReportPeriod {
  const federal = federalFiscalYear(text);
  if (federal) return federal;
  try {
    return parsePeriod(text);
  } catch (error) {
    throw invalid('period', (error as Error).message);
  }
}

/** Registers the ombudsperson's report route. */
export function ombudspersonReportRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/reports/ombudsperson',
    {
      schema: {
        response: { 200: JsonOrReportFile(OmbudspersonReportSchema) },
        tags: ['reports'],
        summary:
          "The ombudsperson's periodic report: inquiries and repeat contacts, complaints received and resolved by " +
          'category and channel, timeliness against the resolution clock and its extension, extensions, transfers, ' +
          'hearings requested, eligible, held and decided with outcomes per issue, and compliance reports.',
        querystring: OmbudspersonReportQuerySchema,
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const period = readPeriod(req.query.period);
      const doc = await buildOmbudspersonReport(ctx, { period, asOf: readAsOf(req.query.asOf) });
      const format = req.query.format ?? 'json';
      if (format === 'json') return doc;
      const file = await renderReport(doc, format, { chromiumPath: deps.config.chromiumPath });
      return sendFile(reply, { ...file, fileName: reportFileName(doc.title, period.key, file.extension) });
    },
  );

  api.get(
    '/reports/ombudsperson/items',
    {
      schema: {
        response: { 200: OmbudspersonItemsSchema },
        tags: ['reports'],
        summary:
          "The inquiries, complaints or hearing requests behind one number of the ombudsperson's report (its cell, " +
          'as the report names it), for the same period, asOf and records the reader may see; total is the number.',
        querystring: OmbudspersonItemsQuerySchema,
      },
    },
    async (req) =>
      ombudspersonItems(requireContext(req), {
        period: readPeriod(req.query.period),
        asOf: readAsOf(req.query.asOf),
        cell: req.query.cell,
      }),
  );
}
