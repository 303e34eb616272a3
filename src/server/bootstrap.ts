// First start: creates agency `main` with its starter configuration and the first administrator, once.
// Later starts find the agency and change nothing.
import type { Db } from './db/database.ts';
import type { Config } from './env.ts';
import { calendarPreset } from '../domain/holidays.ts';
import { starterConfiguration, type AgencyPreset } from './starter-configuration.ts';
import { generatePassword, hashPassword } from './auth/credentials.ts';
import { ensureDefaultChannels } from './repositories/channels.ts';
import { seedQualityCatalogue } from './repositories/quality-measures.ts';
import {
  agencyIdBySlug,
  agencyPresets,
  holdFirstStartLock,
  insertAgency,
} from './repositories/configuration/agency.ts';
import { insertStarterConfiguration } from './repositories/configuration/starter.ts';
import { insertUser } from './repositories/configuration/users.ts';

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
  const agencyId = await insertAgency(tx, {
    slug: input.slug,
    name: input.name,
    timeZone: input.timeZone,
    trackingPrefix: input.trackingPrefix,
    calendar: calendarPreset(holidays, year - 2, year + 5),
    escalationLevels: starter.escalationLevels,
    settings: starter.settings,
  });
  await ensureDefaultChannels(tx, agencyId, input.inboundAddress ?? null);
  await insertStarterConfiguration(tx, agencyId, starter);
  // The federal and California measures belong to child-support offices; other agencies start with civicdesk's
  // own indicators and add the measures they keep.
  if (input.preset === 'child-support') await seedQualityCatalogue(tx, agencyId);
  return agencyId;
}

/** Ensures agency `main` and its first administrator exist. */
export async function bootstrap(db: Db, config: Config): Promise<BootstrapResult> {
  const adminEmail = (config.adminEmail ?? 'admin@localhost').toLowerCase();
  return db.transaction().execute(async (tx) => {
    await holdFirstStartLock(tx);
    const existing = await agencyIdBySlug(tx, 'main');
    if (existing !== null) {
      // Agencies created before channels existed get theirs on the next start.
      await ensureDefaultChannels(tx, existing, config.inboundAddress);
      // Child-support agencies created before the quality module get the federal and California measures on the
      // next start.
      for (const agency of await agencyPresets(tx)) {
        if (agency.preset === 'child-support') await seedQualityCatalogue(tx, agency.id);
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
    await insertUser(tx, agencyId, {
      email: adminEmail,
      name: 'Administrator',
      role: 'administrator',
      passwordHash: await hashPassword(config.adminPassword ?? generatedPassword!),
      mustChangePassword: generatedPassword !== null,
    });
    return { created: true, adminEmail, generatedPassword };
  });
}
