// Satisfaction-survey invitations: the periodic `survey-invitations` job finds cases closed recently that have
// none, creates one per case (a random token, only its digest kept, valid 60 days) and mails the link through the
// outbox in the case's language. Without an email address the link waits on the case timeline as an internal
// note, for staff to give out by phone or letter. Restricted cases get no invitation.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Config } from '../../env.ts';
import { systemActor, type CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { closedCasesWithoutInvitation, insertInvitation } from '../../repositories/portal.ts';
import { listAgencies } from '../../repositories/configuration/agency.ts';
import { lockCaseById } from '../../repositories/cases.ts';
import { insertTimelineEntry } from '../../repositories/timeline.ts';
import { queueCaseEmail } from '../email/email-outbound.ts';
import { isLanguageCode } from '../../../shared/languages.ts';
import { translator } from '../../i18n/messages.ts';
import { digest } from './public-form-token.ts';

export const SURVEY_VALID_DAYS = 60;
/** Cases closed longer ago than this get no invitation (e.g. imported history). */
export const SURVEY_LOOKBACK_DAYS = 14;
const BATCH = 200;

/** The address of a survey. */
export function surveyUrl(config: Config, agencySlug: string, token: string, lang: string): string {
  return `${config.publicUrl.replace(/\/$/, '')}/public/${encodeURIComponent(agencySlug)}/survey/${token}?lang=${lang}`;
}

/** Invites every recently closed case without an invitation; returns how many were invited. */
export async function runSurveyInvitations(db: Db, config: Config, now = new Date()): Promise<number> {
  const agencies = await listAgencies(db);
  const since = new Date(now.getTime() - SURVEY_LOOKBACK_DAYS * 86_400_000);
  let invited = 0;
  for (const agency of agencies) {
    const ctx: CommandContext = {
      db,
      agency,
      actor: systemActor('survey invitations'),
      requestId: null,
    };
    for (;;) {
      const batch = await closedCasesWithoutInvitation(db, agency.id, since, BATCH);
      for (const closed of batch) if (await inviteCase(ctx, config, closed.id, now)) invited++;
      if (batch.length < BATCH) break;
    }
  }
  return invited;
}

async function inviteCase(ctx: CommandContext, config: Config, caseId: number, now: Date): Promise<boolean> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await lockCaseById(tx, ctx.agency.id, caseId);
    const lang = isLanguageCode(current.language) ? current.language : 'en';
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + SURVEY_VALID_DAYS * 86_400_000);
    const invitationId = await insertInvitation(tx, {
      agencyId: ctx.agency.id,
      caseId,
      tokenDigest: digest(token),
      language: lang,
      expiresAt,
    });
    if (invitationId === null) return false;
    const t = translator(lang);
    const url = surveyUrl(config, ctx.agency.slug, token, lang);
    const subject = t.t('survey.email_subject', { number: current.tracking_number });
    const body = t.t('survey.email_body', {
      number: current.tracking_number,
      agency: ctx.agency.name,
      url,
      date: t.date(expiresAt, ctx.agency.timeZone),
    });
    const entryId = await insertTimelineEntry(tx, {
      agency_id: ctx.agency.id,
      case_id: caseId,
      kind: 'note',
      channel: 'email',
      subject: `Satisfaction survey invitation: ${subject}`,
      body,
      language: lang,
      substantive: false,
      delivery_status: 'queued',
    });
    const outboxId = await queueCaseEmail(tx, { ...ctx, db: tx }, current, {
      entryId,
      kind: 'acknowledgement',
      subject,
      body,
    });
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'case.survey_invited',
        entityType: 'case',
        entityId: current.tracking_number,
        caseId,
        after: {
          survey_invitation: invitationId,
          expires_at: expiresAt,
          delivery: outboxId ? 'email' : 'timeline note',
        },
      },
    );
    return true;
  });
}
