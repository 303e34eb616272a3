// How any thrown error reaches a client: AppError as itself, schema failures as validation_failed with the
// fields, database errors caused by input as 400/409, a lost database as 503, everything else as internal_error.
import type { FastifyError } from 'fastify';
import { AppError, type ErrorDetail } from './errors.ts';

const pgErrorsAsClientErrors: Record<string, { code: AppError['code']; message: string }> = {
  '22021': { code: 'validation_failed', message: 'A text value holds a character the database cannot store.' },
  '22P02': { code: 'validation_failed', message: 'A value has the wrong format.' },
  '22001': { code: 'validation_failed', message: 'A value is too long.' },
  '22003': { code: 'validation_failed', message: 'A number is out of range.' },
  '22007': { code: 'validation_failed', message: 'A date or time is not valid.' },
  '22008': { code: 'validation_failed', message: 'A date or time is out of range.' },
  '23503': { code: 'validation_failed', message: 'A referenced record does not exist.' },
  '23505': { code: 'conflict', message: 'A record with the same key already exists.' },
  '23514': { code: 'validation_failed', message: 'A value is not allowed.' },
  '40001': { code: 'conflict', message: 'The record changed at the same time; try again.' },
};

/**
 * The path of the first string holding a NUL character in a parsed request (PostgreSQL text cannot store one), so
 * the request is refused with the field named instead of failing in the database.
 */
export function fieldWithNulCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (Buffer.isBuffer(value) || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = fieldWithNulCharacter(inner, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

const connectionErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006']);

function validationDetails(error: FastifyError): ErrorDetail[] {
  return (error.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    const pathPart = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = [error.validationContext === 'body' ? '' : error.validationContext, pathPart, missing]
      .filter(Boolean)
      .join('.');
    return { field: field || String(error.validationContext ?? 'body'), message: plainValidationMessage(v) };
  });
}

type SchemaFailure = NonNullable<FastifyError['validation']>[number];

const typeWords: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

const formatWords: Record<string, string> = {
  date: 'a date written YYYY-MM-DD',
  'date-time': 'a date and time with its offset, such as 2026-12-06T09:30:00-05:00',
  email: 'an email address',
  uri: 'a web address',
  time: 'a time such as 09:30',
};

/** A schema failure in words a person can act on ("must be one of a, b", not "must be equal to one of the allowed values"). */
export function plainValidationMessage(v: SchemaFailure): string {
  const params = (v.params ?? {}) as Record<string, unknown>;
  const n = (key: string) => Number(params[key]);
  switch (v.keyword) {
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${String(params.allowedValue)}`;
    case 'type':
      return `must be ${String(params.type)
        .split(',')
        .map((t) => typeWords[t] ?? t)
        .join(' or ')}`;
    case 'minLength':
      return n('limit') === 1 ? 'must not be empty' : `must be at least ${n('limit')} characters long`;
    case 'maxLength':
      return `must be at most ${n('limit')} characters long`;
    case 'minItems':
      return n('limit') === 1 ? 'must list at least one item' : `must list at least ${n('limit')} items`;
    case 'maxItems':
      return `must list at most ${n('limit')} items`;
    case 'uniqueItems':
      return 'must not list the same item twice';
    case 'minimum':
      return `must be ${n('limit')} or more`;
    case 'maximum':
      return `must be ${n('limit')} or less`;
    case 'exclusiveMinimum':
      return `must be more than ${n('limit')}`;
    case 'exclusiveMaximum':
      return `must be less than ${n('limit')}`;
    case 'format':
      return `must be ${formatWords[String(params.format)] ?? `in the ${String(params.format)} format`}`;
    case 'pattern':
      return 'is not written the way this field expects';
    case 'additionalProperties':
      return `has a field this request does not take: ${String(params.additionalProperty)}`;
    case 'minProperties':
      return 'must not be empty';
    default:
      return v.message ?? 'is not valid';
  }
}

/** Translates any thrown error into the status and body a client sees. */
export function presentError(error: unknown, requestId: string): { status: number; body: unknown } {
  const wrap = (code: string, message: string, details: ErrorDetail[] = []) => ({ error: { code, message, details } });
  if (error instanceof AppError) return { status: error.status, body: wrap(error.code, error.message, error.details) };
  const e = error as FastifyError & { code?: string };
  if (e.validation) {
    const details = validationDetails(e);
    const message = details.map((d) => `${d.field}: ${d.message}`).join('; ');
    return { status: 400, body: wrap('validation_failed', message, details) };
  }
  if (e.code && pgErrorsAsClientErrors[e.code]) {
    const known = pgErrorsAsClientErrors[e.code]!;
    return { status: new AppError(known.code, '').status, body: wrap(known.code, known.message) };
  }
  const lostConnection =
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error/i;
  if ((e.code && connectionErrorCodes.has(e.code)) || lostConnection.test(String(e.message))) {
    return { status: 503, body: wrap('service_unavailable', 'The database is not reachable; try again shortly.') };
  }
  if (e.statusCode === 413 || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, body: wrap('payload_too_large', 'The request body is too large.') };
  }
  if (e.statusCode === 415) {
    return { status: 415, body: wrap('unsupported_media_type', 'Send JSON (Content-Type: application/json).') };
  }
  if (e.statusCode === 429) {
    return { status: 429, body: wrap('rate_limited', 'Too many requests; wait a moment and try again.') };
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: wrap('validation_failed', e.message) };
  }
  return {
    status: 500,
    body: wrap('internal_error', `Something went wrong on our side. Quote request id ${requestId} when reporting it.`),
  };
}
