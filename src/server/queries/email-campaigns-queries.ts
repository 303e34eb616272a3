// Read models of email intake: campaigns (near-identical mail from many senders, grouped so one template answers
// the batch through POST /cases/bulk) scoped by case visibility, and the quarantine of raw messages.
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import { listQuarantine } from '../repositories/email-messages.ts';
import { requireRole } from '../commands/common.ts';

export interface CampaignView {
  key: string;
  tag: string;
  subject: string;
  count: number;
  /** Distinct sender addresses: the people behind the campaign (one person may have written more than once). */
  senders: number;
  openCount: number;
  firstReceivedAt: Date;
  lastReceivedAt: Date;
  trackingNumbers: string[];
  openTrackingNumbers: string[];
}

/** Campaigns with their cases the caller may see, newest activity first. */
export async function listCampaigns(ctx: CommandContext, options: { limit: number }): Promise<CampaignView[]> {
  const rows = await ctx.db
    .selectFrom('email_messages as m')
    .innerJoin('cases as c', (join) => join.onRef('c.agency_id', '=', 'm.agency_id').onRef('c.id', '=', 'm.case_id'))
    .select(['m.campaign_key', 'm.subject', 'm.received_at', 'm.from_address', 'c.tracking_number', 'c.status'])
    .where('m.agency_id', '=', ctx.agency.id)
    .where('m.direction', '=', 'inbound')
    .where('m.campaign_key', 'is not', null)
    .where(visibleCasesFilter(ctx))
    .orderBy('m.received_at')
    .limit(50_000)
    .execute();
  const byKey = new Map<string, CampaignView>();
  const sendersOf = new Map<string, Set<string>>();
  for (const row of rows) {
    const key = row.campaign_key!;
    let view = byKey.get(key);
    if (!view) {
      view = {
        key,
        tag: `campaign:${key}`,
        subject: row.subject,
        count: 0,
        senders: 0,
        openCount: 0,
        firstReceivedAt: row.received_at,
        lastReceivedAt: row.received_at,
        trackingNumbers: [],
        openTrackingNumbers: [],
      };
      byKey.set(key, view);
      sendersOf.set(key, new Set());
    }
    const senders = sendersOf.get(key)!;
    senders.add(row.from_address.trim().toLowerCase());
    view.senders = senders.size;
    if (view.trackingNumbers.includes(row.tracking_number)) continue;
    view.count++;
    view.trackingNumbers.push(row.tracking_number);
    if (row.status !== 'closed') {
      view.openCount++;
      view.openTrackingNumbers.push(row.tracking_number);
    }
    view.lastReceivedAt = row.received_at;
  }
  return [...byKey.values()]
    .sort((a, b) => b.lastReceivedAt.getTime() - a.lastReceivedAt.getTime())
    .slice(0, options.limit);
}

/** Quarantined inbound mail (supervisors and administrators): what became no case, and why. */
export async function listQuarantinedMail(ctx: CommandContext, options: { limit: number }) {
  requireRole(ctx, ['supervisor', 'administrator'], 'see quarantined mail');
  const rows = await listQuarantine(ctx.db, ctx.agency.id, options.limit);
  const caseIds = rows.map((r) => r.case_id).filter((id): id is number => id !== null);
  const cases = caseIds.length
    ? await ctx.db
        .selectFrom('cases as c')
        .select(['c.id', 'c.tracking_number'])
        .where('c.id', 'in', caseIds)
        .where(visibleCasesFilter(ctx))
        .execute()
    : [];
  // Mail held back from a case the reader may not see (a restricted one) does not exist for them.
  const visible = rows.filter((r) => r.case_id === null || cases.some((c) => c.id === r.case_id));
  return visible.map((r) => ({
    id: r.id,
    kind: r.kind,
    reason: r.reason,
    trackingNumber: cases.find((c) => c.id === r.case_id)?.tracking_number ?? null,
    channel: r.channel_slug,
    envelopeFrom: r.envelope_from,
    messageId: r.message_id,
    subject: r.subject,
    sizeBytes: Number(r.size_bytes),
    flagged: r.flagged,
    receivedAt: r.received_at,
  }));
}
