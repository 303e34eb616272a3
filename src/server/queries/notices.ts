// Read models of notices to the public: the list, and one notice with its delivery log (people the caller may see,
// each entry's live status from the outbox or the print batch) and the counts of what was delivered.
import type { CommandContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { findNotice, listNotices, noticeRecipients, type NoticeRow } from '../repositories/notices.ts';
import type { NoticeAudienceInput, NoticeSummaryView, NoticeView } from '../../shared/notices.ts';

function summary(row: NoticeRow): NoticeSummaryView {
  return {
    id: row.id,
    title: row.title,
    templateCode: row.template_code,
    delivery: row.delivery,
    audience: row.audience as NoticeAudienceInput,
    recipientCount: row.recipient_count,
    suppressedCount: row.suppressed_count,
    sentAt: row.sent_at.toISOString(),
    sentBy: row.sent_by_name,
  };
}

/** Notices, newest first. */
export async function noticeList(ctx: CommandContext): Promise<{ items: NoticeSummaryView[] }> {
  return { items: (await listNotices(ctx.db, ctx.agency.id, 200)).map(summary) };
}

/** One notice with its delivery log. */
export async function noticeView(ctx: CommandContext, id: number): Promise<NoticeView> {
  const row = await findNotice(ctx.db, ctx.agency.id, id);
  if (!row) throw notFound(`Notice ${id}`);
  const recipients = await noticeRecipients(ctx, id);
  const status = (channel: string, ...values: string[]) =>
    recipients.filter((r) => r.channel === channel && values.includes(r.delivery_status ?? '')).length;
  return {
    ...summary(row),
    delivered: {
      email: {
        queued: status('email', 'queued'),
        sent: status('email', 'sent'),
        failed: status('email', 'failed', 'bounced'),
      },
      letter: {
        toPrint: status('letter', 'to_print'),
        printed: status('letter', 'printed'),
        mailed: status('letter', 'mailed'),
      },
    },
    recipients: recipients.map((r) => ({
      personId: r.person_id,
      name: `${r.first_name} ${r.last_name}`.trim(),
      language: r.language,
      channel: r.channel,
      suppressedReason: r.suppressed_reason,
      trackingNumber: r.tracking_number,
      deliveryStatus: r.delivery_status,
      sendAfter: r.send_after?.toISOString() ?? null,
    })),
  };
}
