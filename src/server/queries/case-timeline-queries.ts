// Read models of one case's history: its timeline (correspondence, notes, referrals, attachments), its audit
// trail (also as CSV), and the time left to each deadline. The case's visibility is checked first.
import { sql } from 'kysely';
import type { CommandContext } from '../context.ts';
import { findVisibleCase } from '../repositories/cases.ts';
import { agencyClock } from '../repositories/intake-configuration.ts';
import { timeLeft } from '../../domain/deadlines.ts';
import { neutralizeCell } from '../../domain/csv-safety.ts';

/** The case's timeline, oldest first. */
export async function caseTimeline(ctx: CommandContext, trackingNumber: string) {
  const current = await findVisibleCase(ctx.db, ctx, trackingNumber);
  const [entries, attachments, referrals] = await Promise.all([
    ctx.db
      .selectFrom('timeline_entries as t')
      .leftJoin('users as u', (j) => j.onRef('u.agency_id', '=', 't.agency_id').onRef('u.id', '=', 't.author_user_id'))
      .select([
        't.id',
        't.kind',
        't.channel',
        't.subject',
        't.body',
        't.template_id',
        't.template_version',
        't.language',
        't.substantive',
        't.delivery_status',
        't.created_at',
        'u.name as author_name',
        // Who an emailed entry came from (or went to), as the message said: never assumed to be the constituent.
        (eb) =>
          eb
            .selectFrom('email_messages as m')
            .select('m.from_address')
            .whereRef('m.agency_id', '=', 't.agency_id')
            .whereRef('m.entry_id', '=', 't.id')
            .where('m.direction', '=', 'inbound')
            .limit(1)
            .as('sender'),
      ])
      .where('t.agency_id', '=', ctx.agency.id)
      .where('t.case_id', '=', current.id)
      .orderBy('t.created_at')
      .orderBy('t.id')
      .execute(),
    ctx.db
      .selectFrom('attachments')
      .select(['id', 'entry_id', 'filename', 'content_type', 'size_bytes', 'created_at'])
      .where('agency_id', '=', ctx.agency.id)
      .where('case_id', '=', current.id)
      .execute(),
    ctx.db
      .selectFrom('referrals as r')
      .innerJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'r.agency_id').onRef('u.id', '=', 'r.unit_id'))
      .select([
        'r.id',
        'r.request',
        'r.due_at',
        sql<string | null>`to_char(r.due_date, 'YYYY-MM-DD')`.as('due_date'),
        'r.status',
        'r.reply',
        'r.replied_at',
        'r.created_at',
        'u.code as unit_code',
        'u.name as unit_name',
      ])
      .where('r.agency_id', '=', ctx.agency.id)
      .where('r.case_id', '=', current.id)
      .orderBy('r.id')
      .execute(),
  ]);
  return {
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      channel: e.channel,
      subject: e.subject,
      body: e.body,
      author: e.author_name ?? null,
      sender: e.sender ?? null,
      templateId: e.template_id,
      templateVersion: e.template_version,
      language: e.language,
      substantive: e.substantive,
      deliveryStatus: e.delivery_status,
      createdAt: e.created_at.toISOString(),
      attachments: attachments
        .filter((a) => a.entry_id === e.id)
        .map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, sizeBytes: a.size_bytes })),
    })),
    referrals: referrals.map((r) => ({
      id: r.id,
      unit: r.unit_code,
      unitName: r.unit_name,
      request: r.request,
      dueAt: r.due_at?.toISOString() ?? null,
      dueDate: r.due_date,
      status: r.status,
      reply: r.reply,
      repliedAt: r.replied_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
    })),
  };
}

/** The case's audit trail, oldest first: who, what, each field's old and new value, when, request id. */
export async function caseAudit(ctx: CommandContext, trackingNumber: string) {
  const current = await findVisibleCase(ctx.db, ctx, trackingNumber);
  const rows = await ctx.db
    .selectFrom('audit_events')
    .select(['id', 'at', 'actor_label', 'actor_user_id', 'action', 'changes', 'reason', 'request_id'])
    .where('agency_id', '=', ctx.agency.id)
    .where('case_id', '=', current.id)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor_label,
    actorUserId: r.actor_user_id,
    action: r.action,
    changes: r.changes,
    reason: r.reason,
    requestId: r.request_id,
  }));
}

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  const safe = neutralizeCell(text);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Audit events as CSV, one row per changed field. */
export function auditToCsv(
  events: {
    at: string;
    actor: string;
    action: string;
    entityType?: string;
    entityId?: string;
    changes: { field: string; old: unknown; new: unknown }[];
    reason: string | null;
    requestId: string | null;
  }[],
): string {
  const withEntity = events.some((e) => e.entityType !== undefined);
  const head = [
    'at',
    'actor',
    'action',
    ...(withEntity ? ['entity_type', 'entity_id'] : []),
    'field',
    'old_value',
    'new_value',
    'reason',
    'request_id',
  ];
  const lines = [head.join(',')];
  for (const e of events) {
    const changes = e.changes.length ? e.changes : [{ field: '', old: null, new: null }];
    for (const c of changes) {
      const entity = withEntity ? [e.entityType, e.entityId] : [];
      lines.push(
        [e.at, e.actor, e.action, ...entity, c.field, c.old, c.new, e.reason, e.requestId].map(csvCell).join(','),
      );
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/** Time left to each of the case's deadlines, in calendar and business time. */
export async function caseDeadlines(ctx: CommandContext, trackingNumber: string, now = new Date()) {
  const current = await findVisibleCase(ctx.db, ctx, trackingNumber);
  const clock = await agencyClock(ctx.db, ctx.agency.id);
  const describe = (due: Date | null, met: Date | null) =>
    due
      ? {
          dueAt: due.toISOString(),
          met: met !== null,
          metAt: met?.toISOString() ?? null,
          ...timeLeft(due, met ?? now, clock.calendar, clock.timeZone),
        }
      : null;
  return {
    paused: current.paused_at !== null,
    firstResponse: describe(current.first_response_due_at, current.first_response_at),
    resolution: describe(current.resolution_due_at, current.closed_at),
    escalationLevel: current.escalation_level,
    escalationLevels: clock.escalationLevels,
  };
}
