// /reports/new-issues: the new-issue alerts the reader may see (open or all, optionally those ending inside a period),
// each with its sentence, counts, sparkline history and the case-list filters behind it; and acknowledging one.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DetectionRunBody,
  DetectionRunSchema,
  IssueAlertListSchema,
  IssueAlertSchema,
} from '../../../../shared/reports.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { requireContext } from '../../../auth/authenticate.ts';
import { invalid } from '../../../errors.ts';
import { parsePeriod, type ReportPeriod } from '../../../../shared/report-periods.ts';
import { acknowledgeIssueAlert, listIssueAlerts, runNewIssueDetectionNow } from '../../../reports/new-issue-alerts.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

function periodOf(text: string | undefined): ReportPeriod | undefined {
  if (!text) return undefined;
  try {
    return parsePeriod(text);
  } catch (error) {
    throw invalid('period', (error as Error).message);
  }
}

export function newIssueRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/reports/new-issues',
    {
      schema: {
        response: { 200: IssueAlertListSchema },
        tags: ['reports'],
        summary:
          'New-issue alerts: subjects, facilities, units and subjects at a facility whose cases rose well above ' +
          'what their last 12 weeks predicted. Administrators, supervisors and auditors see all; others the alerts ' +
          'of their units. Counts leave out restricted cases.',
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([Type.Literal('open'), Type.Literal('all')], {
              description: 'open (default): not yet acknowledged; all: acknowledged too.',
            }),
          ),
          period: Type.Optional(
            Type.String({
              maxLength: 40,
              description: 'Alerts whose window ends in YYYY-MM, YYYY-Qn, FYyyyy or YYYY-MM-DD..YYYY-MM-DD.',
            }),
          ),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
      },
    },
    async (req) => {
      const period = periodOf(req.query.period);
      const items = await listIssueAlerts(requireContext(req), {
        status: req.query.status ?? 'open',
        ...(period ? { period } : {}),
        limit: req.query.limit ?? 200,
      });
      return { items, ...(period ? { period } : {}) };
    },
  );

  api.post(
    '/reports/new-issues/:id/acknowledge',
    {
      schema: {
        response: { 200: IssueAlertSchema },
        tags: ['reports'],
        summary: 'Acknowledges a new-issue alert (a manager of its unit, a supervisor or an administrator); audited.',
        params: IdParams,
      },
    },
    async (req) => acknowledgeIssueAlert(requireContext(req), req.params.id),
  );

  api.post(
    '/reports/new-issues/run',
    {
      schema: {
        response: { 200: DetectionRunSchema },
        tags: ['reports'],
        summary:
          'Runs the new-issue detection now (administrators): yesterday and every earlier day not judged yet (the ' +
          'last 92, or from `from`), as the daily job does; the monthly report reads the same alerts. Audited.',
        body: DetectionRunBody,
      },
    },
    async (req) => runNewIssueDetectionNow(requireContext(req), deps.config, { from: req.body.from }),
  );
}
