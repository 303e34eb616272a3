// /reports/dashboard: the console's dashboard charts for a period and filters (channel, unit, subject), as JSON,
// or one chart's table as a CSV download (format=csv&chart=<name>). Scoped by the reader's policies.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { JsonOrCsv } from '../../../../shared/schema-helpers.ts';
import { DashboardSchema } from '../../../../shared/reports.ts';
import { requireContext } from '../../../auth/authenticate.ts';
import { invalid } from '../../../errors.ts';
import type { CommandContext } from '../../../context.ts';
import { monthPeriod, parsePeriod, type ReportPeriod } from '../../../../shared/report-periods.ts';
import { localParts } from '../../../../shared/local-time.ts';
import { isChannelType } from '../../../../shared/vocabulary.ts';
import { DASHBOARD_CHARTS, dashboardData, type DashboardFilters } from '../../../reports/dashboards.ts';
import { renderCsv } from '../../../reports/render/csv.ts';
import { sendFile } from '../file-answer.ts';
import { findChannel } from '../../../repositories/channels.ts';
import { findUnitByCode } from '../../../repositories/configuration/units.ts';
import { subjectExists } from '../../../repositories/configuration/subjects.ts';
import { stringEnum } from '../../../../shared/admin.ts';

const Code = (description: string) => Type.Optional(Type.String({ maxLength: 100, description }));

const DashboardQuery = Type.Object({
  period: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'A month (2026-10), a quarter (2026-Q3), a city fiscal year (FY2027) or 2026-01-01..2026-03-31; default the current month.',
    }),
  ),
  channel: Code('A kind of channel (email, letter, 311 …) or a configured channel slug.'),
  unit: Code('A unit code.'),
  subject: Code('A subject code; its child subjects count too.'),
  format: Type.Optional(stringEnum(['json', 'csv'] as const)),
  chart: Type.Optional(stringEnum(DASHBOARD_CHARTS, { description: 'The chart whose table format=csv downloads.' })),
});

function readPeriod(ctx: CommandContext, text: string | undefined): ReportPeriod {
  if (!text) {
    const today = localParts(new Date(), ctx.agency.timeZone);
    return monthPeriod(today.year, today.month);
  }
  try {
    return parsePeriod(text);
  } catch (error) {
    throw invalid('period', (error as Error).message);
  }
}

/** The filters of a request, each checked against the agency's own units, subjects and channels. */
async function readFilters(
  ctx: CommandContext,
  query: {
    period?: string | undefined;
    channel?: string | undefined;
    unit?: string | undefined;
    subject?: string | undefined;
  },
): Promise<DashboardFilters> {
  const filters: DashboardFilters = { period: readPeriod(ctx, query.period) };
  const agencyId = ctx.agency.id;
  if (query.channel) {
    const configured = await findChannel(ctx.db, agencyId, query.channel);
    if (!configured && !isChannelType(query.channel)) {
      throw invalid('channel', `no channel or kind of channel is called "${query.channel}"`);
    }
    filters.channel = query.channel;
  }
  if (query.unit) {
    const unit = await findUnitByCode(ctx.db, agencyId, query.unit);
    if (!unit) throw invalid('unit', `no unit has the code "${query.unit}"`);
    filters.unitId = unit.id;
  }
  if (query.subject) {
    if (!(await subjectExists(ctx.db, agencyId, query.subject)))
      throw invalid('subject', `no subject has the code "${query.subject}"`);
    filters.subject = query.subject;
  }
  return filters;
}

/** Registers the dashboard route. */
export function dashboardRoutes(app: FastifyInstance): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/reports/dashboard',
    {
      schema: {
        response: { 200: JsonOrCsv(DashboardSchema) },
        tags: ['reports'],
        summary:
          'Dashboard charts (volumes, response times, backlog, subjects by week, unit workload), each with its table; ' +
          'format=csv&chart=<name> downloads one chart’s table.',
        querystring: DashboardQuery,
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const { format, chart } = req.query;
      if (format === 'csv' && !chart)
        throw invalid('chart', `name the chart to download: ${DASHBOARD_CHARTS.join(', ')}`);
      const dashboard = await dashboardData(ctx, await readFilters(ctx, req.query));
      if (format !== 'csv') return dashboard;
      const found = dashboard.charts.find((c) => c.name === chart)!;
      return sendFile(reply, {
        body: renderCsv({ title: found.title, subtitle: [], tables: [found.table] }),
        contentType: 'text/csv; charset=utf-8',
        fileName: `dashboard-${found.name}-${dashboard.period.key.replace(/[^0-9A-Za-z]+/g, '-')}.csv`,
      });
    },
  );
}
