// A constituent answers a satisfaction survey: satisfaction 1–5, resolved yes/no, a comment. One answer per
// invitation token; an expired, unknown or restricted case's token is "not found".
import type { Db } from '../../db/database.ts';
import { systemActor, type Agency } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  findInvitation,
  insertSurveyResponse,
  markInvitationAnswered,
  type Invitation,
} from '../../repositories/portal.ts';
import { digest } from './public-form-token.ts';
import { normalizeText, type FormProblem } from './public-intake.ts';

export const COMMENT_MAX_LENGTH = 4_000;

export interface SurveyAnswer {
  satisfaction: string;
  resolved: string;
  comment: string;
  language: string;
}

export type SurveyLookup = { kind: 'open'; invitation: Invitation } | { kind: 'answered' } | { kind: 'not_found' };

export interface CheckedSurveyAnswer {
  kind: 'valid';
  satisfaction: number;
  resolved: boolean | null;
  comment: string;
}

/**
 * The survey's questions checked: satisfaction 1–5 required, resolved yes/no/none, a comment of at most
 * COMMENT_MAX_LENGTH characters. The one check of every form that asks them (case survey, engagement feedback).
 */
export function checkSurveyAnswer(
  answer: Pick<SurveyAnswer, 'satisfaction' | 'resolved' | 'comment'>,
): CheckedSurveyAnswer | { kind: 'invalid'; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  if (!/^[1-5]$/.test(answer.satisfaction))
    problems.push({ field: 'satisfaction', key: 'error.satisfaction_required' });
  const comment = normalizeText(answer.comment);
  if (comment.length > COMMENT_MAX_LENGTH) {
    problems.push({ field: 'comment', key: 'error.comment_too_long', params: { max: COMMENT_MAX_LENGTH } });
  }
  if (problems.length) return { kind: 'invalid', problems };
  const resolved = answer.resolved === 'yes' ? true : answer.resolved === 'no' ? false : null;
  return { kind: 'valid', satisfaction: Number(answer.satisfaction), resolved, comment };
}

/** The invitation behind a survey link, if it can still be answered. */
export async function findSurvey(db: Db, agency: Agency, token: string, now = new Date()): Promise<SurveyLookup> {
  if (!/^[\w-]{20,64}$/.test(token)) return { kind: 'not_found' };
  const invitation = await findInvitation(db, agency.id, digest(token));
  if (!invitation || invitation.restricted || invitation.expiresAt < now) return { kind: 'not_found' };
  if (invitation.answeredAt) return { kind: 'answered' };
  return { kind: 'open', invitation };
}

/** Records the answer; a second answer with the same token changes nothing. */
export async function answerSurvey(
  db: Db,
  agency: Agency,
  token: string,
  answer: SurveyAnswer,
): Promise<SurveyLookup | { kind: 'invalid'; problems: FormProblem[] } | { kind: 'recorded' }> {
  const lookup = await findSurvey(db, agency, token);
  if (lookup.kind !== 'open') return lookup;
  const checked = checkSurveyAnswer(answer);
  if (checked.kind === 'invalid') return checked;
  const { satisfaction, resolved, comment } = checked;
  const { invitation } = lookup;
  const ctx = { db, agency, actor: systemActor('satisfaction survey'), requestId: null };
  return db.transaction().execute(async (tx) => {
    if (!(await markInvitationAnswered(tx, agency.id, invitation.id, new Date()))) return { kind: 'answered' as const };
    await insertSurveyResponse(tx, {
      agencyId: agency.id,
      invitationId: invitation.id,
      caseId: invitation.caseId,
      satisfaction,
      resolved,
      comment,
      language: answer.language,
    });
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'case.survey_answered',
        entityType: 'case',
        entityId: invitation.trackingNumber,
        caseId: invitation.caseId,
        after: { satisfaction, resolved },
      },
    );
    return { kind: 'recorded' as const };
  });
}
