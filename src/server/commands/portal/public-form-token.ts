// Signed public-form tokens and the portal's secrets. A token is issued with the form (agency, channel, issue
// time, a nonce, HMAC-SHA256 with the server secret) and must come back between 3 seconds and 24 hours later:
// bots that post at once and forms replayed days later are refused. The key is CIVICDESK_SECRET, or one
// generated at first start and kept in server_secrets (it is never logged).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Config } from '../../env.ts';
import { serverSecret } from '../../repositories/portal.ts';

export const TOKEN_MIN_AGE_MS = 3_000;
export const TOKEN_MAX_AGE_MS = 24 * 3_600_000;

export type TokenCheck = 'ok' | 'too_fast' | 'expired' | 'invalid';

const keys = new WeakMap<Db, string>();

/** The key that signs form tokens: the configured secret, else the one generated once and kept in the database. */
export async function portalSecret(db: Db, config: Config): Promise<string> {
  if (config.secret) return config.secret;
  const cached = keys.get(db);
  if (cached) return cached;
  const value = await serverSecret(db, 'portal-form-key', () => randomBytes(32).toString('base64url'));
  keys.set(db, value);
  return value;
}

function signature(secret: string, agencySlug: string, channelSlug: string, issuedAt: number, nonce: string) {
  return createHmac('sha256', secret)
    .update(`form\n${agencySlug}\n${channelSlug}\n${issuedAt}\n${nonce}`)
    .digest('base64url');
}

/** A fresh token for the form of one agency's channel. */
export function issueFormToken(secret: string, agencySlug: string, channelSlug: string, now = new Date()): string {
  const issuedAt = now.getTime();
  const nonce = randomBytes(9).toString('base64url');
  return `${issuedAt.toString(36)}.${nonce}.${signature(secret, agencySlug, channelSlug, issuedAt, nonce)}`;
}

/** Checks a token's signature (for this agency and channel) and age. */
export function verifyFormToken(
  secret: string,
  token: string,
  agencySlug: string,
  channelSlug: string,
  now = new Date(),
): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 200) return 'invalid';
  const [issuedText, nonce, given] = parts as [string, string, string];
  const issuedAt = parseInt(issuedText, 36);
  if (!Number.isSafeInteger(issuedAt) || !/^[\w-]{6,20}$/.test(nonce)) return 'invalid';
  const expected = Buffer.from(signature(secret, agencySlug, channelSlug, issuedAt, nonce));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return 'invalid';
  const age = now.getTime() - issuedAt;
  if (age < TOKEN_MIN_AGE_MS) return 'too_fast';
  if (age > TOKEN_MAX_AGE_MS) return 'expired';
  return 'ok';
}

/** SHA-256 hex digest: how tokens and secrets are looked up without keeping them. */
export function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A random access code of 16 characters (80 bits) without look-alike letters, easy to read out by phone. */
export function newAccessCode(): string {
  return [...randomBytes(16)].map((b) => CODE_ALPHABET[b & 31]).join('');
}

/** An access code as a person typed it: lower case, without spaces or dashes. */
export function normalizeAccessCode(value: string): string {
  return value.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * How an access code is kept: 's1:' and the SHA-256 digest of its normal form. The code has 80 random bits, so the
 * digest cannot be reversed by trying codes; it is shown once, where it is created, and never stored.
 */
export function accessCodeHash(code: string): string {
  return `s1:${digest(normalizeAccessCode(code))}`;
}

/** Whether a typed code matches one of a case's stored digests; every digest is compared, in constant time. */
export function matchesAccessCode(given: string, hashes: readonly string[]): boolean {
  const actual = Buffer.from(accessCodeHash(given));
  let found = false;
  for (const hash of hashes) {
    const expected = Buffer.from(hash);
    if (expected.length === actual.length && timingSafeEqual(expected, actual)) found = true;
  }
  return found;
}

/** Compares two secrets in constant time. */
export function sameSecret(given: string, stored: string): boolean {
  return timingSafeEqual(Buffer.from(digest(given), 'hex'), Buffer.from(digest(stored), 'hex'));
}
