// `civicdesk agency create|list`: agencies are tenants; each gets the starter configuration and its own
// first administrator, and never sees another agency's data.
import type { Command } from 'commander';
import { loadConfig } from '../server/env.ts';
import { startRuntime } from '../server/runtime.ts';
import { createAgencyWithStarterConfiguration } from '../server/bootstrap.ts';
import { generatePassword, hashPassword } from '../server/auth/credentials.ts';
import { AGENCY_PRESETS, type AgencyPreset } from '../server/starter-configuration.ts';
import { findAgencyBySlug } from '../server/repositories/portal.ts';
import { listAgencies } from '../server/repositories/configuration/agency.ts';
import { insertUser } from '../server/repositories/configuration/users.ts';

export interface CreateAgencyOptions {
  slug: string;
  name: string;
  timezone: string;
  prefix: string;
  adminEmail: string;
  inboundAddress?: string;
  preset?: string;
}

/** Checks the options and returns the problems, one sentence each. */
export function agencyOptionProblems(o: CreateAgencyOptions): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(o.slug))
    problems.push('--slug: use 1–40 lower-case letters, digits and hyphens');
  if (!o.name.trim()) problems.push('--name: must not be blank');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: o.timezone });
  } catch {
    problems.push(`--timezone: "${o.timezone}" is not an IANA time zone such as America/Los_Angeles`);
  }
  if (!/^[A-Z0-9]{1,10}$/.test(o.prefix)) problems.push('--prefix: 1–10 capital letters or digits, e.g. OMB');
  if (!/^[^@\s]+@[^@\s]+$/.test(o.adminEmail)) problems.push('--admin-email: must be an email address');
  if (o.inboundAddress !== undefined && !/^[^@\s]+@[^@\s]+$/.test(o.inboundAddress)) {
    problems.push('--inbound-address: must be an email address');
  }
  if (o.preset !== undefined && !(AGENCY_PRESETS as readonly string[]).includes(o.preset)) {
    problems.push(`--preset: one of ${AGENCY_PRESETS.join(', ')}`);
  }
  return problems;
}

export function registerAgencyCommands(program: Command): void {
  const agency = program.command('agency').description('agencies (tenants)');
  agency
    .command('create')
    .description('create an agency with the starter configuration and its first administrator')
    .requiredOption('--slug <slug>', 'short name used in links, e.g. child-support')
    .requiredOption('--name <name>', 'display name')
    .option('--timezone <zone>', 'IANA time zone', 'America/New_York')
    .option('--prefix <prefix>', 'tracking number prefix', 'CASE')
    .requiredOption('--admin-email <email>', 'first administrator of this agency')
    .option('--inbound-address <email>', 'address of its email channel')
    .option('--preset <preset>', `starter configuration: ${AGENCY_PRESETS.join(' or ')}`, 'constituent-services')
    .action(async (options: CreateAgencyOptions) => {
      const problems = agencyOptionProblems(options);
      if (problems.length) throw new Error(`cannot create the agency:\n- ${problems.join('\n- ')}`);
      const runtime = await startRuntime(loadConfig());
      try {
        const password = generatePassword();
        const passwordHash = await hashPassword(password);
        await runtime.db.transaction().execute(async (tx) => {
          const taken = await findAgencyBySlug(tx, options.slug);
          if (taken) throw new Error(`an agency "${options.slug}" already exists`);
          const agencyId = await createAgencyWithStarterConfiguration(tx, {
            slug: options.slug,
            name: options.name.trim(),
            timeZone: options.timezone,
            trackingPrefix: options.prefix,
            inboundAddress: options.inboundAddress ?? null,
            preset: (options.preset ?? 'constituent-services') as AgencyPreset,
          });
          await insertUser(tx, agencyId, {
            email: options.adminEmail.toLowerCase(),
            name: 'Administrator',
            role: 'administrator',
            passwordHash,
            mustChangePassword: true,
          });
        });
        process.stdout.write(
          `Agency "${options.slug}" created. Sign in as ${options.adminEmail} with the one-time password ${password}\n`,
        );
      } finally {
        await runtime.close();
      }
    });
  agency
    .command('list')
    .description('list agencies')
    .action(async () => {
      const runtime = await startRuntime(loadConfig());
      try {
        const rows = await listAgencies(runtime.db);
        for (const r of rows) process.stdout.write(`${r.slug}\t${r.name}\t${r.timeZone}\n`);
      } finally {
        await runtime.close();
      }
    });
}
