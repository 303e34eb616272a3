// POST requests as civicdesk reads it: the form fields of a GeoReport v2 submission (an empty field is an absent
// one), attribute[CODE] and attribute[CODE][] answers however the body parser delivered them, every field
// checked with an Open311 field name, and the fingerprint that recognises an identical resubmission.
import { createHash } from 'node:crypto';
import type { ErrorDetail } from '../../errors.ts';

export const MAX_DESCRIPTION = 4000;

/** The submission's fields, trimmed; undefined when absent or empty. */
export interface Open311Submission {
  apiKey?: string | undefined;
  jurisdictionId?: string | undefined;
  serviceCode?: string | undefined;
  lat?: string | undefined;
  long?: string | undefined;
  addressString?: string | undefined;
  addressId?: string | undefined;
  zipcode?: string | undefined;
  email?: string | undefined;
  deviceId?: string | undefined;
  accountId?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  phone?: string | undefined;
  description?: string | undefined;
  mediaUrl?: string | undefined;
  /** Answers by attribute code; several for multivaluelist. */
  attributes: Map<string, string[]>;
}

const fields = {
  api_key: 'apiKey',
  jurisdiction_id: 'jurisdictionId',
  service_code: 'serviceCode',
  lat: 'lat',
  long: 'long',
  address_string: 'addressString',
  address_id: 'addressId',
  zipcode: 'zipcode',
  email: 'email',
  device_id: 'deviceId',
  account_id: 'accountId',
  first_name: 'firstName',
  last_name: 'lastName',
  phone: 'phone',
  description: 'description',
  media_url: 'mediaUrl',
} as const satisfies Record<string, keyof Open311Submission>;

const maxLength: Partial<Record<keyof typeof fields, number>> = {
  api_key: 200,
  jurisdiction_id: 200,
  service_code: 100,
  address_string: 500,
  address_id: 200,
  zipcode: 20,
  email: 254,
  device_id: 200,
  account_id: 200,
  first_name: 100,
  last_name: 100,
  phone: 40,
  description: MAX_DESCRIPTION,
  media_url: 2000,
};

const ATTRIBUTE_KEY = /^attribute\[([^\]]*)\](\[\])?$/;

/** A value that cannot be stored as text: NUL, or U+FFFD left by a decoder that met bytes that are not UTF-8. */
export function isBrokenText(value: string): boolean {
  return value.includes('\u0000') || value.includes('\uFFFD') || /[\uD800-\uDFFF]/u.test(value);
}

function asValues(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return null;
}

/**
 * Reads a parsed form body into a submission, adding a problem for each field that is repeated, not text or not
 * valid UTF-8. Attributes come as "attribute[CODE]" / "attribute[CODE][]" keys, or nested when a qs-style parser
 * built `attribute: {CODE: …}`.
 */
export function readSubmission(body: Record<string, unknown>, problems: ErrorDetail[]): Open311Submission {
  const submission: Open311Submission = { attributes: new Map() };
  const addAnswers = (code: string, raw: unknown, field: string) => {
    const values = asValues(raw);
    if (values === null) return problems.push({ field, message: 'must be text' });
    if (values.some(isBrokenText)) return problems.push({ field, message: 'is not valid UTF-8 text' });
    const list = submission.attributes.get(code) ?? [];
    list.push(...values);
    submission.attributes.set(code, list);
  };
  for (const [key, raw] of Object.entries(body)) {
    if (key in fields) {
      const name = key as keyof typeof fields;
      const values = asValues(raw);
      if (values === null) {
        problems.push({ field: name, message: 'must be text' });
        continue;
      }
      const present = values.map((v) => v.trim()).filter((v) => v !== '');
      if (present.length > 1) {
        problems.push({ field: name, message: 'is given more than once' });
        continue;
      }
      const value = present[0];
      if (value === undefined) continue;
      if (isBrokenText(value)) {
        problems.push({ field: name, message: 'is not valid UTF-8 text' });
        continue;
      }
      const limit = maxLength[name];
      if (limit !== undefined && [...value].length > limit) {
        problems.push({ field: name, message: `is longer than ${limit} characters` });
        continue;
      }
      submission[fields[name]] = value;
      continue;
    }
    const match = ATTRIBUTE_KEY.exec(key);
    if (match) {
      addAnswers(match[1]!, raw, key);
    } else if (key === 'attribute' && raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [code, nested] of Object.entries(raw)) addAnswers(code, nested, `attribute[${code}]`);
    }
  }
  return submission;
}

export interface CheckedLocation {
  lat: number | null;
  long: number | null;
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Checks the location rules (lat and long together, or address_string, or address_id) and contact fields. */
export function checkSubmissionFields(submission: Open311Submission, problems: ErrorDetail[]): CheckedLocation {
  const location: CheckedLocation = { lat: null, long: null };
  const hasLat = submission.lat !== undefined;
  const hasLong = submission.long !== undefined;
  if (hasLat !== hasLong) {
    problems.push({ field: hasLat ? 'long' : 'lat', message: 'lat and long are sent together' });
  } else if (hasLat && hasLong) {
    const lat = NUMBER.test(submission.lat!) ? Number(submission.lat) : NaN;
    const long = NUMBER.test(submission.long!) ? Number(submission.long) : NaN;
    if (!(lat >= -90 && lat <= 90)) problems.push({ field: 'lat', message: 'must be a latitude between -90 and 90' });
    if (!(long >= -180 && long <= 180)) {
      problems.push({ field: 'long', message: 'must be a longitude between -180 and 180' });
    }
    location.lat = lat;
    location.long = long;
  }
  if (!hasLat && !hasLong && !submission.addressString && !submission.addressId) {
    problems.push({ field: 'location', message: 'send lat and long, address_string or address_id' });
  }
  if (!submission.serviceCode) problems.push({ field: 'service_code', message: 'is required' });
  if (submission.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(submission.email)) {
    problems.push({ field: 'email', message: 'is not an email address' });
  }
  if (submission.phone && submission.phone.replace(/\D/g, '').length < 7) {
    problems.push({ field: 'phone', message: 'needs at least 7 digits' });
  }
  if (submission.mediaUrl && !isWebUrl(submission.mediaUrl)) {
    problems.push({ field: 'media_url', message: 'must be an http or https URL' });
  }
  return location;
}

/**
 * The fingerprint of a submission: every field except api_key and jurisdiction_id (the key and agency are part
 * of the claim), so only an identical resubmission matches.
 */
export function submissionFingerprint(submission: Open311Submission): string {
  const attributes = [...submission.attributes.entries()]
    .map(
      ([code, values]) =>
        [
          code,
          values
            .map((v) => v.trim())
            .filter(Boolean)
            .sort(),
        ] as const,
    )
    .filter(([, values]) => values.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const material = JSON.stringify([
    submission.serviceCode ?? null,
    submission.deviceId ?? null,
    submission.accountId ?? null,
    submission.description ?? null,
    submission.lat ?? null,
    submission.long ?? null,
    submission.addressString ?? null,
    submission.addressId ?? null,
    submission.zipcode ?? null,
    submission.email?.toLowerCase() ?? null,
    submission.phone ?? null,
    submission.firstName ?? null,
    submission.lastName ?? null,
    submission.mediaUrl ?? null,
    attributes,
  ]);
  return createHash('sha256').update(material).digest('hex');
}
