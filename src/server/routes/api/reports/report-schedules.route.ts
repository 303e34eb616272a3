// /reports/schedules: reports emailed each month (list with next run and delivery history, create, change with the
// version seen, delete, send a period now). Administrators and supervisors; the commands check fields and roles.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { NoContent } from '../../../../shared/schema-helpers.ts';
import { ReportDeliverySchema, ReportScheduleListSchema, ReportScheduleSchema } from '../../../../shared/reports.ts';
import { requireContext } from '../../../auth/authenticate.ts';
import {
  MAX_RECIPIENTS,
  SCHEDULE_FORMATS,
  changeReportSchedule,
  createReportSchedule,
  getReportSchedule,
  listReportSchedules,
  removeReportSchedule,
  schedulableKinds,
  sendReportNow,
} from '../../../commands/reports/report-schedules.ts';
import { IdParams, VersionQuery } from '../../../../shared/admin.ts';

// Loose on purpose: the command names the field and says what is accepted ("formats: “docx” is not one of …").
const ScheduleFields = {
  name: Type.String({ maxLength: 400 }),
  reportKind: Type.String({ maxLength: 60, description: 'A report kind: monthly, mmr, saved, …' }),
  savedReportId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()], {
      description: 'The saved ad-hoc report, for kind "saved".',
    }),
  ),
  formats: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10, description: 'Some of pdf, xlsx, csv.' }),
  recipients: Type.Array(Type.String({ maxLength: 320 }), {
    maxItems: MAX_RECIPIENTS * 2,
    description: `Email addresses (at most ${MAX_RECIPIENTS}).`,
  }),
  runOn: Type.String({ maxLength: 40, description: '"first_business_day" or "day_of_month:N" (1–31).' }),
  runAtLocal: Type.Optional(Type.String({ maxLength: 10, description: 'HH:MM in the agency time zone; 08:00.' })),
  active: Type.Optional(Type.Boolean()),
};

/** Registers the scheduled-report routes. */
export function reportScheduleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/reports/schedules',
    {
      schema: {
        response: { 200: ReportScheduleListSchema },
        tags: ['reports'],
        summary: 'Scheduled reports with their next run and latest deliveries, and the report kinds and formats.',
      },
    },
    async (req) => ({
      schedules: await listReportSchedules(requireContext(req)),
      reportKinds: schedulableKinds(),
      formats: [...SCHEDULE_FORMATS],
    }),
  );

  api.post(
    '/reports/schedules',
    {
      schema: {
        response: { 201: ReportScheduleSchema },
        tags: ['reports'],
        summary: 'Schedule a report; it is built with your policies (administrators, supervisors).',
        body: Type.Object(ScheduleFields),
      },
    },
    async (req, reply) => reply.status(201).send(await createReportSchedule(requireContext(req), req.body)),
  );

  api.get(
    '/reports/schedules/:id',
    {
      schema: {
        response: { 200: ReportScheduleSchema },
        tags: ['reports'],
        summary: 'One scheduled report with its deliveries.',
        params: IdParams,
      },
    },
    async (req) => getReportSchedule(requireContext(req), req.params.id),
  );

  api.put(
    '/reports/schedules/:id',
    {
      schema: {
        response: { 200: ReportScheduleSchema },
        tags: ['reports'],
        summary: 'Change a scheduled report; you become its owner. 409 when it changed since expectedVersion.',
        params: IdParams,
        body: Type.Object({ ...ScheduleFields, expectedVersion: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
      },
    },
    async (req) => changeReportSchedule(requireContext(req), req.params.id, req.body),
  );

  api.delete(
    '/reports/schedules/:id',
    {
      schema: {
        response: { 204: NoContent },
        tags: ['reports'],
        summary: 'Delete a scheduled report and its delivery history; ?expectedVersion= guards a newer edit.',
        params: IdParams,
        querystring: VersionQuery,
      },
    },
    async (req, reply) => {
      await removeReportSchedule(requireContext(req), req.params.id, req.query.expectedVersion);
      return reply.status(204).send();
    },
  );

  api.post(
    '/reports/schedules/:id/send-now',
    {
      schema: {
        response: { 202: ReportDeliverySchema },
        tags: ['reports'],
        summary: 'Send the report for a period now to the schedule’s recipients (a period already sent goes again).',
        params: IdParams,
        body: Type.Object({
          period: Type.String({ maxLength: 40, description: 'YYYY-MM, YYYY-Qn, FYyyyy or YYYY-MM-DD..YYYY-MM-DD.' }),
        }),
      },
    },
    async (req, reply) =>
      reply.status(202).send(await sendReportNow(requireContext(req), req.params.id, req.body.period)),
  );
}
