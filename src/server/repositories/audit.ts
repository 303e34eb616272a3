// The audit trail: one row per change with who, what, each field's old and new value, when and the request id.
import type { Db } from '../db/database.ts';
import type { FieldChange } from '../db/schema.ts';
import type { CommandContext } from '../context.ts';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | number;
  caseId?: number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  /** The client address of the request (sign-ins, reads of sensitive records and exports record it). */
  ipAddress?: string | null;
}

const ignoredFields = new Set(['version', 'updated_at', 'search', 'password_hash', 'token_hash']);

function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

/** Field-by-field differences between two versions of a record (secrets and bookkeeping left out). */
export function diffFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (ignoredFields.has(field)) continue;
    const old = comparable(before?.[field]);
    const next = comparable(after?.[field]);
    if (JSON.stringify(old) !== JSON.stringify(next)) changes.push({ field, old, new: next });
  }
  return changes;
}

/** Writes one audit event inside the caller's transaction. */
export async function recordAudit(tx: Db, ctx: CommandContext, input: AuditInput): Promise<void> {
  await tx
    .insertInto('audit_events')
    .values({
      agency_id: ctx.agency.id,
      actor_user_id: ctx.actor.userId || null,
      actor_label: ctx.actor.name,
      action: input.action,
      entity_type: input.entityType,
      entity_id: String(input.entityId),
      case_id: input.caseId ?? null,
      changes: JSON.stringify(diffFields(input.before ?? null, input.after ?? null)),
      reason: input.reason ?? null,
      request_id: ctx.requestId,
      ip_address: input.ipAddress ?? null,
    })
    .execute();
}
