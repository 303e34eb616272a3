// Who a notice to the public reaches and how: the audience (people of the caller's visible cases that match), each
// person's channel (email, letter, or email else letter) and language, the people left out and why (asked for no
// notices; inside the confidential compartment; no usable address — the same address rules as case mail and the
// print batch), the approved template each language uses (English where a language has none), and when the emails
// go at the relay's rate. The preview shows this plan; sending carries it out.
import type { CommandContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { audienceOf, MAX_AUDIENCE, ordinaryEmails, type AudienceMember } from '../../repositories/notices.ts';
import { mailingAddresses } from '../../repositories/letters.ts';
import { findTemplate, getApprovedVersion } from '../../repositories/templates.ts';
import { findSubject } from '../../repositories/engagements.ts';
import { getOrganization } from '../../repositories/organizations.ts';
import { listUnits } from '../../repositories/configuration/units.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import { postalAddressProblem } from '../../../domain/postal-address.ts';
import { pacedSendTime } from '../../../domain/send-pacing.ts';
import { isLanguageCode } from '../../../shared/languages.ts';
import type { NoticeInput, NoticePreviewView, SuppressionReason } from '../../../shared/notices.ts';
import { FieldProblems } from '../common.ts';
import { isSendableEmailAddress } from '../email/email-outbound.ts';

export interface PlannedRecipient extends AudienceMember {
  channel: 'email' | 'letter' | null;
  suppressedReason: SuppressionReason | null;
  emailAddress: string | null;
  sendAfter: Date | null;
}

export interface NoticePlan {
  recipients: PlannedRecipient[];
  /** Languages (by channel) without an approved template version of their own: English is sent. */
  fallbacks: Set<string>;
  problems: string[];
}

async function checkInput(ctx: CommandContext, input: NoticeInput) {
  const problems = new FieldProblems();
  if (!input.title.trim()) problems.add('title', 'must not be blank');
  if (!input.templateCode.trim()) problems.add('templateCode', 'choose the template the notice is written from');
  const { audience } = input;
  const bad = (audience.languages ?? []).filter((l) => !isLanguageCode(l));
  if (bad.length)
    problems.add('audience.languages', `${bad.map((b) => `"${b}"`).join(', ')} is not a supported language`);
  if (audience.subjectCode && !(await findSubject(ctx.db, ctx.agency.id, audience.subjectCode))) {
    problems.add('audience.subjectCode', `no subject has the code "${audience.subjectCode}"`);
  }
  if (audience.organizationId && !(await getOrganization(ctx.db, ctx.agency.id, audience.organizationId))) {
    problems.add('audience.organizationId', `no organisation ${audience.organizationId}`);
  }
  if (audience.unitId && !(await listUnits(ctx.db, ctx.agency.id)).some((u) => u.id === audience.unitId)) {
    problems.add('audience.unitId', `no unit ${audience.unitId}`);
  }
  problems.throwIfAny();
}

/** Whether an approved version of the template exists for this channel and language. */
async function hasApproved(db: Db, agencyId: number, code: string, channel: 'email' | 'letter', language: string) {
  const template = await findTemplate(db, agencyId, { code, channel, language });
  return template !== null && (await getApprovedVersion(db, agencyId, template.id)) !== null;
}

/** Plans a notice (see the module comment); `now` is when sending would start. */
export async function planNotice(
  ctx: CommandContext,
  input: NoticeInput,
  options: { perMinute: number; now: Date },
): Promise<NoticePlan> {
  authorizeCommunityChange(ctx, 'prepare notices to the public');
  await checkInput(ctx, input);
  const members = await audienceOf(ctx, input.audience);
  if (members.length > MAX_AUDIENCE) {
    throw new AppError(
      'validation_failed',
      `audience: reaches ${members.length} people; one notice reaches at most ${MAX_AUDIENCE}. Narrow it by language or unit and send it in parts.`,
      [{ field: 'audience', message: `more than ${MAX_AUDIENCE} people` }],
    );
  }
  const ids = members.map((m) => m.personId);
  const [emails, addresses] = await Promise.all([
    ordinaryEmails(ctx.db, ctx.agency.id, ids),
    mailingAddresses(ctx.db, ctx.agency.id, ids),
  ]);
  let emailIndex = 0;
  const recipients = members.map((m): PlannedRecipient => {
    const emailAddress = (emails.get(m.personId) ?? []).find(isSendableEmailAddress)?.trim() ?? null;
    const letterPossible = postalAddressProblem(addresses.get(m.personId)?.[0]) === null;
    const left = (reason: SuppressionReason): PlannedRecipient => ({
      ...m,
      channel: null,
      suppressedReason: reason,
      emailAddress: null,
      sendAfter: null,
    });
    if (m.confidential) return left('confidential');
    if (m.optedOut) return left('opted_out');
    const channel =
      input.delivery === 'letter'
        ? letterPossible
          ? 'letter'
          : null
        : emailAddress
          ? 'email'
          : input.delivery === 'email_else_letter' && letterPossible
            ? 'letter'
            : null;
    if (!channel) return left('no_address');
    return {
      ...m,
      channel,
      suppressedReason: null,
      emailAddress: channel === 'email' ? emailAddress : null,
      sendAfter: channel === 'email' ? pacedSendTime(options.now, emailIndex++, options.perMinute) : null,
    };
  });
  const fallbacks = new Set<string>();
  const problems: string[] = [];
  const needed = new Set(recipients.filter((r) => r.channel).map((r) => `${r.channel}:${r.language}`));
  const code = input.templateCode.trim();
  for (const key of [...needed].sort()) {
    const [channel, language] = key.split(':') as ['email' | 'letter', string];
    if (await hasApproved(ctx.db, ctx.agency.id, code, channel, language)) continue;
    if (language !== 'en' && (await hasApproved(ctx.db, ctx.agency.id, code, channel, 'en'))) {
      fallbacks.add(key);
      continue;
    }
    problems.push(
      `The ${channel} template "${code}" has no approved version in ${language === 'en' ? 'English' : `${language} or English`}.`,
    );
  }
  return { recipients, fallbacks, problems };
}

/** The preview: counts by language and channel, the people left out by reason, and when the emails go. */
export function presentPlan(plan: NoticePlan, now: Date): NoticePreviewView {
  const byLanguage = new Map<string, { email: number; letter: number }>();
  const suppressed = { opted_out: 0, confidential: 0, no_address: 0 };
  let last = now;
  for (const r of plan.recipients) {
    if (r.suppressedReason) {
      suppressed[r.suppressedReason]++;
      continue;
    }
    const counts = byLanguage.get(r.language) ?? { email: 0, letter: 0 };
    counts[r.channel!]++;
    byLanguage.set(r.language, counts);
    if (r.sendAfter && r.sendAfter > last) last = r.sendAfter;
  }
  return {
    recipients: plan.recipients.filter((r) => r.channel).length,
    byLanguage: [...byLanguage.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([language, counts]) => ({
        language,
        ...counts,
        fallback:
          (counts.email > 0 && plan.fallbacks.has(`email:${language}`)) ||
          (counts.letter > 0 && plan.fallbacks.has(`letter:${language}`)),
      })),
    suppressed,
    problems: plan.problems,
    firstSendAt: now.toISOString(),
    lastSendAt: last.toISOString(),
  };
}
