// The public feedback form of an engagement: found by the code in its link (16 random characters made and kept like
// a case status link's access code: only the digest is looked up), open until FEEDBACK_OPEN_DAYS days after the
// engagement (domain/engagement-feedback.ts). It asks the satisfaction survey's questions, checked by the survey's
// own checkSurveyAnswer; an answer is anonymous and each is counted.
import type { Db } from '../../db/database.ts';
import type { Config } from '../../env.ts';
import { systemActor, type Agency } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  findFeedbackEngagement,
  insertFeedback,
  type FeedbackEngagement,
} from '../../repositories/engagement-feedback.ts';
import { feedbackOpen } from '../../../domain/engagement-feedback.ts';
import { accessCodeHash, normalizeAccessCode } from './public-form-token.ts';
import type { FormProblem } from './public-intake.ts';
import { checkSurveyAnswer, type SurveyAnswer } from './survey-response.ts';

/** The address of an engagement's feedback form; without a language the visitor's browser chooses. */
export function feedbackUrl(config: Pick<Config, 'publicUrl'>, agencySlug: string, code: string, lang?: string) {
  const base = `${config.publicUrl.replace(/\/$/, '')}/public/${encodeURIComponent(agencySlug)}/feedback/${code}`;
  return lang ? `${base}?lang=${encodeURIComponent(lang)}` : base;
}

/** The code written for reading aloud or printing: four groups of four (the form takes it with or without dashes). */
export function printableCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

export type FeedbackLookup =
  | { kind: 'open'; engagement: FeedbackEngagement }
  | { kind: 'closed'; engagement: FeedbackEngagement }
  | { kind: 'not_found' };

/** The engagement behind a feedback link, and whether it still takes answers. */
export async function findFeedbackForm(
  db: Db,
  agency: Agency,
  code: string,
  now = new Date(),
): Promise<FeedbackLookup> {
  const normal = normalizeAccessCode(code);
  if (!/^[0-9a-z]{16}$/.test(normal)) return { kind: 'not_found' };
  const engagement = await findFeedbackEngagement(db, agency.id, accessCodeHash(normal));
  if (!engagement) return { kind: 'not_found' };
  return { kind: feedbackOpen(engagement, agency.timeZone, now) ? 'open' : 'closed', engagement };
}

/** Records one anonymous answer; nothing is written when a field is wrong or the form is closed. */
export async function answerEngagementFeedback(
  db: Db,
  agency: Agency,
  code: string,
  answer: SurveyAnswer,
  now = new Date(),
): Promise<
  FeedbackLookup | { kind: 'invalid'; problems: FormProblem[]; engagement: FeedbackEngagement } | { kind: 'recorded' }
> {
  const lookup = await findFeedbackForm(db, agency, code, now);
  if (lookup.kind !== 'open') return lookup;
  const checked = checkSurveyAnswer(answer);
  if (checked.kind === 'invalid') return { ...checked, engagement: lookup.engagement };
  const ctx = { db, agency, actor: systemActor('engagement feedback'), requestId: null };
  return db.transaction().execute(async (tx) => {
    const id = await insertFeedback(tx, {
      agencyId: agency.id,
      engagementId: lookup.engagement.id,
      satisfaction: checked.satisfaction,
      resolved: checked.resolved,
      comment: checked.comment,
      language: answer.language,
    });
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'engagement.feedback_received',
        entityType: 'engagement',
        entityId: lookup.engagement.id,
        // The comment stays out of the audit log: it is the public's free text.
        after: { feedback: id, satisfaction: checked.satisfaction, resolved: checked.resolved },
      },
    );
    return { kind: 'recorded' as const };
  });
}
