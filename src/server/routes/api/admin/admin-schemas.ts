// TypeBox pieces the configuration routes share: string enums that fail with one clear message (not one per
// literal), the priority / writer-type / role lists, routing conditions and targets.
import { Type, type TSchema, type TUnsafe } from '@sinclair/typebox';
import type { Role } from '../../../db/schema.ts';
import { PRIORITIES as PRIORITY_VALUES, WRITER_TYPES as WRITER_TYPE_VALUES } from '../../../../shared/vocabulary.ts';
import { invalid } from '../../../errors.ts';

/**
 * A string that must be one of `values` (one validation error, "must be equal to one of the allowed values").
 * The Fastify type provider infers with the newer `typebox` package and sees these as unknown, so handlers
 * narrow the validated value with a cast to the enum type.
 */
export function stringEnum<T extends string>(values: readonly T[], options: { description?: string } = {}): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}

export const ROLES: readonly Role[] = ['administrator', 'supervisor', 'caseworker', 'unit_liaison', 'auditor'];
export { PRIORITIES as PRIORITY_VALUES, WRITER_TYPES as WRITER_TYPE_VALUES } from '../../../../shared/vocabulary.ts';

const shortList = <T extends TSchema>(item: T) => Type.Array(item, { maxItems: 100 });
const text = (maxLength: number) => Type.String({ maxLength });

export const RuleConditionsSchema = Type.Object(
  {
    channel: Type.Optional(shortList(text(40))),
    subject: Type.Optional(shortList(text(70))),
    words: Type.Optional(shortList(text(200))),
    writerType: Type.Optional(shortList(stringEnum(WRITER_TYPE_VALUES))),
    language: Type.Optional(shortList(text(35))),
    facility: Type.Optional(shortList(text(200))),
  },
  { additionalProperties: false, description: 'All present lists must match (AND); any value within a list (OR).' },
);

export const RuleActionsSchema = Type.Object(
  {
    unitCode: Type.Optional(text(20)),
    priority: Type.Optional(stringEnum(PRIORITY_VALUES)),
    serviceStandardId: Type.Optional(Type.Integer({ minimum: 1 })),
    tags: Type.Optional(Type.Array(text(50), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const StandardMatchSchema = Type.Object(
  {
    channel: Type.Optional(shortList(text(40))),
    subject: Type.Optional(shortList(text(70))),
    priority: Type.Optional(shortList(stringEnum(PRIORITY_VALUES))),
    writerType: Type.Optional(shortList(stringEnum(WRITER_TYPE_VALUES))),
  },
  { additionalProperties: false },
);

export const TargetSchema = Type.Union([
  Type.Object(
    {
      amount: Type.Integer({ minimum: 1 }),
      unit: stringEnum(['business_hours', 'business_days', 'calendar_days'] as const),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const VersionQuery = Type.Object({ expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) });
export const Position = Type.Integer({ minimum: 0, maximum: 1_000_000 });

/** Refuses a rename-or-(de)activate PATCH that changes nothing (an empty body is a mistake, not a no-op). */
export function requireSomeChange(body: { name?: string | undefined; active?: boolean | undefined }): void {
  if (body.name === undefined && body.active === undefined) {
    throw invalid('body', 'send name or active (or both); an empty change does nothing');
  }
}
