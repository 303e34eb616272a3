// The agency's audit log across all entities, for administrators, supervisors and auditors: filtered, paged by
// id, exportable. Events of a case the reader may not see (e.g. a restricted case) are left out.
import type { CommandContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { sql } from 'kysely';
import { visibleCasesFilter } from '../policies/case-access.ts';
import { personInsiderFilter } from '../policies/person-access.ts';
import { READ_ACTIONS } from '../commands/audit/sensitive-reads.ts';

export interface AuditLogFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  /** reads: views of restricted cases and confidential people, and every download (see commands/audit). */
  kind?: 'reads' | undefined;
  actorUserId?: number | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** A page of audit events, newest first, and the id to pass as beforeId for the next page. */
export async function auditLog(ctx: CommandContext, f: AuditLogFilter) {
  if (!['administrator', 'supervisor', 'auditor'].includes(ctx.actor.role)) {
    throw new AppError('forbidden', 'The audit log is open to administrators, supervisors and auditors.');
  }
  let query = ctx.db
    .selectFrom('audit_events as e')
    .select([
      'e.id',
      'e.at',
      'e.actor_label',
      'e.actor_user_id',
      'e.action',
      'e.entity_type',
      'e.entity_id',
      'e.changes',
      'e.reason',
      'e.request_id',
      'e.ip_address',
    ])
    .where('e.agency_id', '=', ctx.agency.id)
    .where((eb) =>
      eb.or([
        eb('e.case_id', 'is', null),
        eb.exists(
          eb.selectFrom('cases as c').select('c.id').whereRef('c.id', '=', 'e.case_id').where(visibleCasesFilter(ctx)),
        ),
      ]),
    )
    // A person's events carry their contacts: those of a person in the compartment only for its insiders.
    .where((eb) =>
      eb.or([
        eb('e.entity_type', '<>', 'person'),
        eb.exists(
          eb
            .selectFrom('people as p')
            .select('p.id')
            .whereRef('p.agency_id', '=', 'e.agency_id')
            .where(sql<boolean>`p.id = case when e.entity_id ~ '^[0-9]{1,9}$' then e.entity_id::int end`)
            .where(personInsiderFilter(ctx)),
        ),
      ]),
    );
  if (f.entityType) query = query.where('e.entity_type', '=', f.entityType);
  if (f.entityId) query = query.where('e.entity_id', '=', f.entityId);
  if (f.action) query = query.where('e.action', '=', f.action);
  if (f.kind === 'reads') query = query.where('e.action', 'in', [...READ_ACTIONS]);
  if (f.actorUserId) query = query.where('e.actor_user_id', '=', f.actorUserId);
  if (f.from) query = query.where('e.at', '>=', f.from);
  if (f.to) query = query.where('e.at', '<=', f.to);
  if (f.beforeId) query = query.where('e.id', '<', f.beforeId);
  const rows = await query
    .orderBy('e.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const items = rows.slice(0, f.limit).map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor_label,
    actorUserId: r.actor_user_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    changes: r.changes,
    reason: r.reason,
    requestId: r.request_id,
    ipAddress: r.ip_address,
  }));
  return { items, nextBeforeId: rows.length > f.limit ? (items[items.length - 1]?.id ?? null) : null };
}
