// One error type for everything the service refuses on purpose: a stable code, a sentence a person can act on,
// and the fields at fault. The code decides the HTTP status; anything else is an internal error.

export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'csrf_failed'
  | 'password_change_required'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'version_conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'account_locked'
  | 'service_unavailable'
  | 'internal_error';

export interface ErrorDetail {
  field: string;
  message: string;
}

const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  csrf_failed: 403,
  password_change_required: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  account_locked: 429,
  service_unavailable: 503,
  internal_error: 500,
};

/** An expected failure with a stable code, a readable message and the fields at fault. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return statusByCode[this.code];
  }

  /** The same status under the name Fastify's own error handlers read. */
  get statusCode(): number {
    return this.status;
  }
}

/** A validation failure naming one field. */
export function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, [{ field, message }]);
}

/** A "not found" that reads the same whether the record is missing or hidden by policy. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found.`);
}
