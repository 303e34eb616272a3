// The one place configuration is read: environment variables, then an optional civicdesk.config.json in the
// working directory. Every value is checked at start; a wrong one stops the process with a sentence naming it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AGENCY_PRESETS, type AgencyPreset } from './starter-configuration.ts';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  timeZone: string;
  publicUrl: string;
  secureCookies: boolean;
  logLevel: string;
  maxAttachmentBytes: number;
  services: Set<'web' | 'worker' | 'smtp'>;
  /** The address of agency main's email channel on first start. */
  inboundAddress: string;
  /** Port of the built-in SMTP receiver for inbound mail. */
  smtpPort: number;
  /** Where outbound mail goes, e.g. smtp://127.0.0.1:2526; unset = outbound mail waits in the outbox. */
  smtpUrl: string | undefined;
  /** CIVICDESK_SECRET: key of the public form tokens; unset = one is generated at first start and kept in the database. */
  secret: string | undefined;
  /** CIVICDESK_CHROMIUM_PATH: the Chromium that renders letters to PDF (default /usr/bin/chromium). */
  chromiumPath: string;
  /** CIVICDESK_AGENCY_PRESET: the starter configuration of agency `main` at first start. */
  agencyPreset: AgencyPreset;
}

export class ConfigError extends Error {}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Reads and validates the configuration from the given environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const file = path.resolve('civicdesk.config.json');
  const fromFile: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const read = (name: string): string | undefined => {
    const value = env[name] ?? fromFile[name];
    return value === undefined || value === '' ? undefined : String(value);
  };
  const problems: string[] = [];

  const portText = read('PORT') ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a port number, got "${portText}"`);

  const timeZone = read('CIVICDESK_TIMEZONE') ?? 'America/New_York';
  if (!isTimeZone(timeZone))
    problems.push(`CIVICDESK_TIMEZONE must be an IANA time zone such as America/New_York, got "${timeZone}"`);

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }

  const adminEmail = read('CIVICDESK_ADMIN_EMAIL');
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail))
    problems.push('CIVICDESK_ADMIN_EMAIL must be an email address');
  const adminPassword = read('CIVICDESK_ADMIN_PASSWORD');
  if (adminPassword && adminPassword.length < 8)
    problems.push('CIVICDESK_ADMIN_PASSWORD must be at least 8 characters');

  const maxText = read('CIVICDESK_MAX_ATTACHMENT_MB') ?? '10';
  const maxMb = Number(maxText);
  if (!(maxMb > 0)) problems.push(`CIVICDESK_MAX_ATTACHMENT_MB must be a positive number, got "${maxText}"`);

  const servicesText = read('CIVICDESK_SERVICES') ?? 'web,worker,smtp';
  const services = new Set<'web' | 'worker' | 'smtp'>();
  for (const name of servicesText.split(',').map((s) => s.trim())) {
    if (name === 'web' || name === 'worker' || name === 'smtp') services.add(name);
    else problems.push(`CIVICDESK_SERVICES lists unknown service "${name}" (known: web, worker, smtp)`);
  }

  const inboundAddress = (read('CIVICDESK_INBOUND_ADDRESS') ?? 'correspondence@localhost').trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(inboundAddress)) problems.push('CIVICDESK_INBOUND_ADDRESS must be an email address');
  const smtpPortText = read('CIVICDESK_SMTP_PORT') ?? '2525';
  const smtpPort = Number(smtpPortText);
  if (!Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65535) {
    problems.push(`CIVICDESK_SMTP_PORT must be a port number, got "${smtpPortText}"`);
  }
  const smtpUrl = read('CIVICDESK_SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('CIVICDESK_SMTP_URL must start with smtp:// or smtps://');

  const secret = read('CIVICDESK_SECRET');
  if (secret !== undefined && secret.length < 32) problems.push('CIVICDESK_SECRET must be at least 32 characters');

  const agencyPreset = (read('CIVICDESK_AGENCY_PRESET') ?? 'constituent-services') as AgencyPreset;
  if (!AGENCY_PRESETS.includes(agencyPreset)) {
    problems.push(`CIVICDESK_AGENCY_PRESET must be one of ${AGENCY_PRESETS.join(', ')}, got "${agencyPreset}"`);
  }

  if (problems.length) throw new ConfigError(`Configuration is not valid:\n- ${problems.join('\n- ')}`);

  const host = read('HOST') ?? '127.0.0.1';
  return {
    port,
    host,
    databaseUrl,
    dataDir: path.resolve(read('CIVICDESK_DATA_DIR') ?? './data'),
    adminEmail,
    adminPassword,
    timeZone,
    publicUrl: read('CIVICDESK_PUBLIC_URL') ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    secureCookies: read('CIVICDESK_SECURE_COOKIES') === 'true',
    logLevel: read('LOG_LEVEL') ?? 'info',
    maxAttachmentBytes: Math.round(maxMb * 1024 * 1024),
    services,
    inboundAddress,
    smtpPort,
    smtpUrl,
    secret,
    chromiumPath: read('CIVICDESK_CHROMIUM_PATH') ?? '/usr/bin/chromium',
    agencyPreset,
    ...overrides,
  };
}
