// TypeBox building blocks every area's API schemas share: string enums with one clear error, nullable values,
// the "no content" answer, and the error body every failing request gets.
import { Type, type TNull, type TSchema, type TUnsafe } from '@sinclair/typebox';

/**
 * A string that must be one of `values` (one validation error, answered as "must be one of a, b, c").
 * The Fastify type provider infers with the newer `typebox` package and sees these as unknown, so handlers
 * narrow the validated value with a cast to the enum type.
 */
export function stringEnum<T extends string>(values: readonly T[], options: { description?: string } = {}): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}

// Null as `const: null` rather than `type: 'null'`: Ajv coerces only through `type`, so a null is never coerced, and
// it is tried first, so a null is never turned into the other branch's "" (string), 0 or false (coerceTypes is on
// in app.ts). The Kind stays Null so that TypeBox's own checks and Static<> see a null.
const { type: _nullType, ...nullWithoutType } = Type.Null();
const NullValue = { ...nullWithoutType, const: null } as unknown as TNull;

/** A value or null; a null stays null (never coerced to "", 0 or false by the request validator). */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([NullValue, schema]);

/** A local date written YYYY-MM-DD in the agency's time zone (commands check that it is a real date). */
export const LocalDate = (description = "A local date 'YYYY-MM-DD' in the agency's time zone") =>
  Type.String({ maxLength: 10, description });

/** A 204 answer: no body (typed loosely so that `reply.status(204).send()` needs no argument). */
export const NoContent = Type.Unsafe<unknown>({ type: 'null', description: 'No content.' });

/** An object whose shape is open on purpose (documents, stored definitions): every property is sent as is. */
export const OpenObject = (description: string) => Type.Object({}, { additionalProperties: true, description });

/** A file download (PDF, attachment): bytes sent as is, never serialised with a schema. */
export const Download = (description: string) =>
  Type.Unsafe<unknown>({ type: 'string', format: 'binary', description });

/** An answer that is JSON (`schema`) or, when asked for (format=csv or a .csv path), a CSV download. */
export const JsonOrCsv = <T extends TSchema>(schema: T) => ({
  description: 'JSON, or CSV when asked for.',
  content: {
    'application/json': { schema },
    'text/csv': { schema: Type.String({ description: 'CSV (RFC 4180), formula-safe cells.' }) },
  },
});

/** `{"error":{"code","message","details"}}`: the body of every failing request. */
export const ErrorBodySchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Array(Type.Object({}, { additionalProperties: true, description: 'field, message, …' })),
  }),
});

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const VersionQuery = Type.Object({ expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) });
