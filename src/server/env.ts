// The one place configuration is read: environment variables, then an optional civicdesk.config.json in the
// working directory. Every value is checked at start; a wrong one stops the process with a sentence naming it.
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { passwordProblem } from '../domain/password-policy.ts';
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
  /** Cookies marked Secure and HSTS sent: CIVICDESK_SECURE_COOKIES, or else whether CIVICDESK_PUBLIC_URL is https. */
  secureCookies: boolean;
  /**
   * CIVICDESK_TRUST_PROXY: the reverse proxies (addresses, CIDR ranges, or loopback/linklocal/uniquelocal) whose
   * X-Forwarded-For is believed; empty (the default) = none, the client address is the connection's.
   */
  trustProxy: string[];
  /** CIVICDESK_SESSION_IDLE_MINUTES: a session unused this long ends (default 30). */
  sessionIdleMinutes: number;
  /** CIVICDESK_SESSION_HOURS: a session ends this long after sign-in whatever its use (default 12). */
  sessionHours: number;
  /** CIVICDESK_API_TOKEN_DAYS: lifetime of a new API token when none is asked for (default 90). */
  apiTokenDefaultDays: number;
  /** CIVICDESK_API_TOKEN_MAX_DAYS: the longest lifetime an API token may be given (default 365). */
  apiTokenMaxDays: number;
  logLevel: string;
  maxAttachmentBytes: number;
  services: Set<'web' | 'worker' | 'smtp'>;
  /** The address of agency main's email channel on first start. */
  inboundAddress: string;
  /** Port of the built-in SMTP receiver for inbound mail. */
  smtpPort: number;
  /** Where outbound mail goes, e.g. smtp://127.0.0.1:2526; unset = outbound mail waits in the outbox. */
  smtpUrl: string | undefined;
  /** CIVICDESK_BULK_MAIL_PER_MINUTE: how many messages of a notice to the public the relay takes a minute (default 60). */
  bulkMailPerMinute: number;
  /**
   * CIVICDESK_SECRET: key of the public form tokens and of the secrets kept encrypted in the database (secret-box.ts);
   * unset = key material is generated at first start and kept in the database.
   */
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
  const adminPasswordProblem = adminPassword
    ? passwordProblem(adminPassword, [adminEmail ?? 'admin@localhost', 'Administrator'])
    : null;
  if (adminPasswordProblem) {
    problems.push(
      `CIVICDESK_ADMIN_PASSWORD ${adminPasswordProblem}; choose a longer passphrase of several unrelated words, or leave it unset to have a one-time password generated`,
    );
  }

  const trustProxy = (read('CIVICDESK_TRUST_PROXY') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of trustProxy) {
    const [address, bits, ...rest] = entry.split('/');
    const version = isIP(address ?? '');
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    const prefixOk =
      bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 6 ? 128 : 32) && rest.length === 0);
    if (!named && (version === 0 || !prefixOk)) {
      problems.push(
        `CIVICDESK_TRUST_PROXY lists "${entry}", which is not an IP address, a CIDR range such as 10.0.0.0/8, or loopback/linklocal/uniquelocal`,
      );
    }
  }

  const positiveInteger = (name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
    const text = read(name) ?? String(fallback);
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      problems.push(`${name} must be a whole number from 1 to ${max}, got "${text}"`);
      return fallback;
    }
    return value;
  };
  const sessionIdleMinutes = positiveInteger('CIVICDESK_SESSION_IDLE_MINUTES', 30, 24 * 60);
  const sessionHours = positiveInteger('CIVICDESK_SESSION_HOURS', 12, 24 * 30);
  const apiTokenMaxDays = positiveInteger('CIVICDESK_API_TOKEN_MAX_DAYS', 365, 3650);
  const apiTokenDefaultDays = positiveInteger('CIVICDESK_API_TOKEN_DAYS', Math.min(90, apiTokenMaxDays), 3650);
  if (apiTokenDefaultDays > apiTokenMaxDays) {
    problems.push('CIVICDESK_API_TOKEN_DAYS must not exceed CIVICDESK_API_TOKEN_MAX_DAYS');
  }
  const secureCookiesText = read('CIVICDESK_SECURE_COOKIES');
  if (secureCookiesText !== undefined && secureCookiesText !== 'true' && secureCookiesText !== 'false') {
    problems.push(`CIVICDESK_SECURE_COOKIES must be true or false, got "${secureCookiesText}"`);
  }
  const publicUrlText = read('CIVICDESK_PUBLIC_URL');
  if (publicUrlText !== undefined && !/^https?:\/\/[^/\s]+/.test(publicUrlText)) {
    problems.push(`CIVICDESK_PUBLIC_URL must start with http:// or https://, got "${publicUrlText}"`);
  }

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

  const bulkMailText = read('CIVICDESK_BULK_MAIL_PER_MINUTE') ?? '60';
  const bulkMailPerMinute = Number(bulkMailText);
  if (!Number.isInteger(bulkMailPerMinute) || bulkMailPerMinute < 1 || bulkMailPerMinute > 100_000) {
    problems.push(`CIVICDESK_BULK_MAIL_PER_MINUTE must be a whole number from 1 to 100000, got "${bulkMailText}"`);
  }

  const secret = read('CIVICDESK_SECRET');
  if (secret !== undefined && secret.length < 32) problems.push('CIVICDESK_SECRET must be at least 32 characters');

  const agencyPreset = (read('CIVICDESK_AGENCY_PRESET') ?? 'constituent-services') as AgencyPreset;
  if (!AGENCY_PRESETS.includes(agencyPreset)) {
    problems.push(`CIVICDESK_AGENCY_PRESET must be one of ${AGENCY_PRESETS.join(', ')}, got "${agencyPreset}"`);
  }

  if (problems.length) throw new ConfigError(`Configuration is not valid:\n- ${problems.join('\n- ')}`);

  const host = read('HOST') ?? '127.0.0.1';
  const publicUrl = publicUrlText ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  return {
    port,
    host,
    databaseUrl,
    dataDir: path.resolve(read('CIVICDESK_DATA_DIR') ?? './data'),
    adminEmail,
    adminPassword,
    timeZone,
    publicUrl,
    secureCookies: secureCookiesText === undefined ? publicUrl.startsWith('https://') : secureCookiesText === 'true',
    trustProxy,
    sessionIdleMinutes,
    sessionHours,
    apiTokenDefaultDays,
    apiTokenMaxDays,
    logLevel: read('LOG_LEVEL') ?? 'info',
    maxAttachmentBytes: Math.round(maxMb * 1024 * 1024),
    services,
    inboundAddress,
    smtpPort,
    smtpUrl,
    bulkMailPerMinute,
    secret,
    chromiumPath: read('CIVICDESK_CHROMIUM_PATH') ?? '/usr/bin/chromium',
    agencyPreset,
    ...overrides,
  };
}
