// First start: creates agency `main` with its starter configuration and the first administrator, once.
// Later starts find the agency and change nothing.
import { sql } from 'kysely';
import type { Db } from './db/database.ts';
import type { Config } from './env.ts';
import { calendarPreset } from '../domain/holidays.ts';
import { starterConfiguration, type AgencyPreset } from './starter-configuration.ts';
import { generatePassword, hashPassword } from './auth/credentials.ts';
import { ensureDefaultChannels } from './repositories/channels.ts';
import { seedQualityCatalogue } from './repositories/quality-measures.ts';

export interface BootstrapResult {
  created: boolean;
  adminEmail: string;
  /** Set only when a password was generated and must be shown once. */
  generatedPassword: string | null;
}

function presetForZone(timeZone: string): 'nyc' | 'california' | 'us-federal' {
  if (timeZone === 'America/New_York') return 'nyc';
  if (timeZone === 'America/Los_Angeles') return 'california';
  return 'us-federal';
}

/** Creates an agency with the starter configuration inside the given transaction; returns its id. */
export async function createAgencyWithStarterConfiguration(
  tx: Db,
  input: {
    slug: string;
    name: string;
    timeZone: string;
    trackingPrefix: string;
    inboundAddress?: string | null;
    preset?: AgencyPreset;
  },
): Promise<number> {
  const year = new Date().getUTCFullYear();
  const starter = starterConfiguration(input.preset);
  const holidays = starter.holidayPreset ?? presetForZone(input.timeZone);
  const agency = await tx
    .insertInto('agencies')
    .values({
      slug: input.slug,
      name: input.name,
      time_zone: input.timeZone,
      tracking_prefix: input.trackingPrefix,
      calendar: JSON.stringify(calendarPreset(holidays, year - 2, year + 5)),
      escalation_levels: JSON.stringify(starter.escalationLevels),
      settings: JSON.stringify(starter.settings),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const agencyId = agency.id;
  await ensureDefaultChannels(tx, agencyId, input.inboundAddress ?? null);
  await tx
    .insertInto('units')
    .values(starter.units.map((u) => ({ agency_id: agencyId, code: u.code, name: u.name })))
    .execute();
  await tx
    .insertInto('subjects')
    .values(
      starter.subjects.map((s) => ({
        agency_id: agencyId,
        code: s.code,
        name: s.name,
        parent_code: s.parentCode ?? null,
      })),
    )
    .execute();
  await tx
    .insertInto('routing_rules')
    .values(
      starter.rules.map((r, i) => ({
        agency_id: agencyId,
        name: r.name,
        position: (i + 1) * 10,
        conditions: JSON.stringify(r.conditions),
        actions: JSON.stringify(r.actions),
        stop_processing: r.stopProcessing,
      })),
    )
    .execute();
  await tx
    .insertInto('service_standards')
    .values(
      starter.standards.map((s, i) => ({
        agency_id: agencyId,
        name: s.name,
        position: (i + 1) * 10,
        match: JSON.stringify(s.match),
        first_response: JSON.stringify(s.firstResponse),
        resolution: JSON.stringify(s.resolution),
        warning_percent: s.warningPercent,
      })),
    )
    .execute();
  for (const t of starter.templates) {
    const template = await tx
      .insertInto('templates')
      .values({
        agency_id: agencyId,
        code: t.code,
        name: t.name,
        channel: t.channel,
        language: t.language ?? 'en',
        ...(t.purpose ? { purpose: t.purpose } : {}),
        response_kind: t.responseKind,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('template_versions')
      .values({
        agency_id: agencyId,
        template_id: template.id,
        version: 1,
        subject: t.subject,
        body: t.body,
        status: 'approved',
        decided_at: new Date(),
      })
      .execute();
  }
  // The federal and California measures belong to child-support offices; other agencies start with civicdesk's
  // own indicators and add the measures they keep.
  if (input.preset === 'child-support') await seedQualityCatalogue(tx, agencyId);
  return agencyId;
}

/** Ensures agency `main` and its first administrator exist. */
export async function bootstrap(db: Db, config: Config): Promise<BootstrapResult> {
  const adminEmail = (config.adminEmail ?? 'admin@localhost').toLowerCase();
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(42001)`.execute(tx);
    const existing = await tx.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirst();
    if (existing) {
      // Agencies created before channels existed get theirs on the next start.
      await ensureDefaultChannels(tx, existing.id, config.inboundAddress);
      // Child-support agencies created before the quality module get the federal and California measures on the
      // next start.
      for (const agency of await tx.selectFrom('agencies').select(['id', 'settings']).execute()) {
        if (agency.settings.preset === 'child-support') await seedQualityCatalogue(tx, agency.id);
      }
      return { created: false, adminEmail, generatedPassword: null };
    }
    const starter = starterConfiguration(config.agencyPreset);
    const agencyId = await createAgencyWithStarterConfiguration(tx, {
      slug: 'main',
      name: starter.mainName,
      timeZone: config.timeZone,
      trackingPrefix: starter.mainTrackingPrefix,
      inboundAddress: config.inboundAddress,
      preset: config.agencyPreset,
    });
    const generatedPassword = config.adminPassword ? null : generatePassword();
    await tx
      .insertInto('users')
      .values({
        agency_id: agencyId,
        email: adminEmail,
        name: 'Administrator',
        role: 'administrator',
        password_hash: await hashPassword(config.adminPassword ?? generatedPassword!),
        must_change_password: generatedPassword !== null,
      })
      .execute();
    return { created: true, adminEmail, generatedPassword };
  });
}
