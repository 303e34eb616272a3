// Registers every staff API route under /api/v1. Each resource has its own folder; this file only lists them.
import type { FastifyInstance } from 'fastify';
import type { RouteDependencies } from './route-dependencies.ts';
import { authRoutes } from './auth/auth.route.ts';
import { subjectRoutes } from './admin/subjects.route.ts';
import { unitRoutes } from './admin/units.route.ts';
import { userRoutes } from './admin/users.route.ts';
import { routingRuleRoutes } from './admin/routing-rules.route.ts';
import { serviceStandardRoutes } from './admin/service-standards.route.ts';
import { agencyRoutes } from './admin/agency.route.ts';
import { templateRoutes } from './admin/templates.route.ts';
import { peopleRoutes } from './people/people.route.ts';
import { caseRoutes } from './cases/cases.route.ts';
import { caseActionRoutes } from './cases/case-actions.route.ts';
import { caseRelatedRoutes } from './cases/case-related.route.ts';
import { caseQueueRoutes } from './cases/case-queues.route.ts';
import { auditRoutes } from './audit.route.ts';
import { channelRoutes } from './admin/channels.route.ts';
import { letterRoutes } from './letters/letters.route.ts';
import { emailRoutes } from './email/email.route.ts';
import { open311KeyRoutes } from './admin/open311-keys.route.ts';
import { subjectQuestionRoutes } from './admin/subject-questions.route.ts';
import { publicLinkRoutes } from '../public/public-link.route.ts';
import { newIssueRoutes } from './reports/new-issues.route.ts';
import { dashboardRoutes } from './reports/dashboard.route.ts';
import { crosstabRoutes } from './reports/crosstab.route.ts';
import { reportScheduleRoutes } from './reports/report-schedules.route.ts';
import { indicatorRoutes } from './reports/indicators.route.ts';
import { monthlyReportRoutes } from './reports/monthly.route.ts';

export type { RouteDependencies } from './route-dependencies.ts';

/** Adds all /api/v1 routes to the given (prefixed) instance. */
export function registerApiRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  authRoutes(app, deps);
  subjectRoutes(app, deps);
  unitRoutes(app, deps);
  userRoutes(app, deps);
  routingRuleRoutes(app, deps);
  serviceStandardRoutes(app, deps);
  agencyRoutes(app, deps);
  templateRoutes(app, deps);
  peopleRoutes(app);
  caseRoutes(app);
  caseActionRoutes(app, deps);
  caseRelatedRoutes(app, deps);
  caseQueueRoutes(app, deps);
  auditRoutes(app);
  channelRoutes(app);
  letterRoutes(app, deps);
  emailRoutes(app, deps);
  open311KeyRoutes(app);
  subjectQuestionRoutes(app);
  publicLinkRoutes(app, deps);
  newIssueRoutes(app);
  dashboardRoutes(app);
  crosstabRoutes(app);
  reportScheduleRoutes(app);
  indicatorRoutes(app, deps);
  monthlyReportRoutes(app, deps);
}
