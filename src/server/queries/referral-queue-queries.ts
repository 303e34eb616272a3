// A unit's incoming referrals: what other units asked it, oldest due first, for the cases the reader may see
// (visibleCasesFilter, so a restricted case's referral does not exist for someone outside it).
import { sql } from 'kysely';
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import { invalid } from '../errors.ts';
import { localDate } from '../../shared/local-time.ts';
import type { ReferralQueueItem } from '../../shared/referrals.ts';

export interface ReferralQueueFilter {
  unit?: string | undefined;
  status?: 'open' | 'answered' | 'withdrawn' | 'all' | undefined;
  limit?: number | undefined;
}

/** The referrals to one unit (by code) or to every unit the reader belongs to. */
export async function referralQueue(
  ctx: CommandContext,
  filter: ReferralQueueFilter,
  now = new Date(),
): Promise<ReferralQueueItem[]> {
  let unitIds = ctx.actor.unitIds;
  if (filter.unit) {
    const unit = await ctx.db
      .selectFrom('units')
      .select('id')
      .where('agency_id', '=', ctx.agency.id)
      .where('code', '=', filter.unit)
      .executeTakeFirst();
    if (!unit) throw invalid('unit', `"${filter.unit}" is not a unit code`);
    unitIds = [unit.id];
  }
  if (unitIds.length === 0) return [];
  let query = ctx.db
    .selectFrom('referrals as r')
    .innerJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'r.agency_id').onRef('c.id', '=', 'r.case_id'))
    .innerJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'r.agency_id').onRef('u.id', '=', 'r.unit_id'))
    .leftJoin('users as by', (j) => j.onRef('by.agency_id', '=', 'r.agency_id').onRef('by.id', '=', 'r.created_by'))
    .where(visibleCasesFilter(ctx))
    .where('r.agency_id', '=', ctx.agency.id)
    .where('r.unit_id', 'in', unitIds)
    .select([
      'r.id',
      'c.tracking_number',
      'u.code as unit_code',
      'u.name as unit_name',
      'r.request',
      sql<string | null>`to_char(r.due_date, 'YYYY-MM-DD')`.as('due_date'),
      'r.status',
      'r.reply',
      'r.replied_at',
      'r.created_at',
      'by.name as referred_by',
      'r.escalation_level',
    ]);
  const status = filter.status ?? 'open';
  if (status !== 'all') query = query.where('r.status', '=', status);
  const rows = await query
    .orderBy(sql`r.due_date asc nulls last`)
    .orderBy('r.created_at')
    .limit(filter.limit ?? 100)
    .execute();
  const today = localDate(now, ctx.agency.timeZone);
  return rows.map((r) => ({
    id: r.id,
    trackingNumber: r.tracking_number,
    unit: r.unit_code,
    unitName: r.unit_name,
    request: r.request,
    dueDate: r.due_date,
    overdue: r.status === 'open' && r.due_date !== null && r.due_date < today,
    status: r.status,
    reply: r.reply,
    repliedAt: r.replied_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    referredBy: r.referred_by,
    escalationLevel: r.escalation_level,
  }));
}
