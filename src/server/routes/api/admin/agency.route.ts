// /agency: the signed-in user's agency — name, time zone, tracking prefix, business calendar and escalation
// levels. Everyone signed in reads it; administrators change it (optionally guarded by expectedVersion).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import {
  applyCalendarPreset,
  getAgencySettings,
  replaceAgencyCalendar,
  updateAgencySettings,
} from '../../../commands/admin/admin-agency.ts';
import type { AgencyRecord } from '../../../repositories/configuration/agency.ts';
import type { EscalationLevel } from '../../../db/schema.ts';
import type { HolidayPreset } from '../../../../domain/holidays.ts';
import type { ComplaintSettings } from '../../../../domain/complaint-clocks.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { stringEnum, AgencySettingsSchema, ComplaintSettingsSchema } from '../../../../shared/admin.ts';

const Hours = Type.Union([
  Type.Object(
    { start: Type.String({ maxLength: 5 }), end: Type.String({ maxLength: 5 }) },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

/** The agency as the API shows it. */
export function presentAgency(agency: AgencyRecord) {
  return {
    slug: agency.slug,
    name: agency.name,
    timeZone: agency.timeZone,
    trackingPrefix: agency.trackingPrefix,
    calendar: agency.calendar,
    escalationLevels: agency.escalationLevels,
    complaints: agency.complaints,
    publicNames: agency.publicNames,
    areas: agency.areas,
    version: agency.version,
  };
}

/** Registers the agency-settings routes. */
export function agencyRoutes(app: FastifyInstance, _deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/agency',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Your agency: name, zone, tracking prefix, calendar, escalation levels.',
        response: { 200: AgencySettingsSchema },
      },
    },
    async (req) => presentAgency(await getAgencySettings(requireContext(req))),
  );

  api.patch(
    '/agency',
    {
      schema: {
        tags: ['configuration'],
        summary:
          'Change name, its translations on the portal, IANA time zone, tracking prefix, escalation levels, ' +
          'complaint clocks or the area list (administrators).',
        response: { 200: AgencySettingsSchema },
        body: Type.Object({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          trackingPrefix: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
          escalationLevels: Type.Optional(
            Type.Array(
              Type.Object(
                {
                  level: Type.Integer({ minimum: 1 }),
                  name: Type.String({ minLength: 1, maxLength: 100 }),
                  notifyRole: stringEnum(['assignee', 'supervisor', 'unit_manager', 'administrator'] as const),
                },
                { additionalProperties: false },
              ),
              { maxItems: 20 },
            ),
          ),
          complaints: Type.Optional(Type.Partial(ComplaintSettingsSchema, { additionalProperties: false })),
          publicNames: Type.Optional(
            Type.Record(Type.String({ maxLength: 10 }), Type.String({ maxLength: 1000 }), {
              description:
                'The agency’s name on the public portal by language code (es, zh, …); replaces every translation; ' +
                'a language left out or empty shows the name.',
              maxProperties: 20,
            }),
          ),
          areas: Type.Optional(
            Type.Array(Type.String({ maxLength: 200 }), {
              maxItems: 500,
              description:
                'The areas engagements serve (boroughs, community districts, ZIP codes), replacing the list; each ' +
                'at most 100 characters, none twice. When the list is not empty, a new or changed engagement area ' +
                'must be one of them; an empty list lets any area be typed.',
            }),
          ),
          expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
    },
    async (req) => {
      const { escalationLevels, complaints, ...rest } = req.body;
      return presentAgency(
        await updateAgencySettings(requireContext(req), {
          ...rest,
          ...(escalationLevels !== undefined ? { escalationLevels: escalationLevels as EscalationLevel[] } : {}),
          // The schema has checked every clock (whole days, 0 to 3660) and the repeat-contact action.
          ...(complaints !== undefined ? { complaints: complaints as Partial<ComplaintSettings> } : {}),
        }),
      );
    },
  );

  api.put(
    '/agency/calendar',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Replace working hours ("0" Sunday … "6" Saturday, null = closed) and holidays (administrators).',
        response: { 200: AgencySettingsSchema },
        body: Type.Object({
          workingHours: Type.Record(Type.String(), Hours),
          holidays: Type.Array(
            Type.Object(
              { date: Type.String({ maxLength: 10 }), name: Type.String({ minLength: 1, maxLength: 200 }) },
              { additionalProperties: false },
            ),
            { maxItems: 2000 },
          ),
          expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
    },
    async (req) => presentAgency(await replaceAgencyCalendar(requireContext(req), req.body)),
  );

  api.post(
    '/agency/calendar/preset',
    {
      schema: {
        tags: ['configuration'],
        summary: "Load a holiday preset for fromYear…toYear, replacing those years' holidays (administrators).",
        response: { 200: AgencySettingsSchema },
        body: Type.Object({
          preset: stringEnum(['nyc', 'california', 'us-federal'] as const),
          fromYear: Type.Integer(),
          toYear: Type.Integer(),
          expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
    },
    async (req) =>
      presentAgency(
        await applyCalendarPreset(requireContext(req), { ...req.body, preset: req.body.preset as HolidayPreset }),
      ),
  );
}
