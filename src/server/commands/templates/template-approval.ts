// The approval flow of template versions: draft → submitted → approved | rejected, approved → retired.
// Approving needs a supervisor or administrator who did not draft that version (four eyes), and retires the
// version approved before it, so each template has at most one usable version. Every transition is audited.
import { AppError, notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import type { TemplateStatus } from '../../db/schema.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { getApprovedVersion, getTemplate, getVersion, setVersionStatus } from '../../repositories/templates.ts';
import { requireAdministrator, requireRole } from '../common.ts';
import { DRAFTING_ROLES } from './template-drafts.ts';
import { presentVersion } from './template-library.ts';
import { notify } from '../notifications/notify.ts';

export const DECIDING_ROLES = ['supervisor', 'administrator'] as const;
export const MAX_DECISION_NOTE = 2000;

type Transition = 'submit' | 'approve' | 'reject' | 'retire';

const allowedFrom: Record<Transition, TemplateStatus> = {
  submit: 'draft',
  approve: 'submitted',
  reject: 'submitted',
  retire: 'approved',
};
const resultingStatus: Record<Transition, TemplateStatus> = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  retire: 'retired',
};

function authorize(ctx: CommandContext, transition: Transition): void {
  if (transition === 'submit') requireRole(ctx, DRAFTING_ROLES, 'submit templates for approval');
  else if (transition === 'retire') requireAdministrator(ctx, 'retire templates');
  else requireRole(ctx, DECIDING_ROLES, `${transition} templates`);
}

async function transition(
  ctx: CommandContext,
  templateId: number,
  versionNumber: number,
  step: Transition,
  note?: string | null,
) {
  authorize(ctx, step);
  const decisionNote = note?.trim() || null;
  if (decisionNote && decisionNote.length > MAX_DECISION_NOTE) {
    throw new AppError('validation_failed', `note: is at most ${MAX_DECISION_NOTE} characters.`, [
      { field: 'note', message: `is at most ${MAX_DECISION_NOTE} characters` },
    ]);
  }
  await ctx.db.transaction().execute(async (tx) => {
    // The template row lock serializes every transition of its versions (two approvals cannot both win).
    const template = await getTemplate(tx, ctx.agency.id, templateId, true);
    if (!template) throw notFound(`Template ${templateId}`);
    const version = await getVersion(tx, ctx.agency.id, templateId, versionNumber);
    if (!version) throw notFound(`Version ${versionNumber} of template ${templateId}`);
    if (version.status !== allowedFrom[step]) {
      throw new AppError(
        'conflict',
        `Version ${versionNumber} is ${version.status}; only a ${allowedFrom[step]} version can be ${resultingStatus[step]}.`,
      );
    }
    if ((step === 'approve' || step === 'reject') && version.createdBy === ctx.actor.userId) {
      throw new AppError(
        'forbidden',
        `You drafted version ${versionNumber}; another supervisor or administrator must ${step} it (four eyes).`,
      );
    }
    let retiredVersion: number | null = null;
    if (step === 'approve') {
      const previous = await getApprovedVersion(tx, ctx.agency.id, templateId);
      if (previous) {
        await setVersionStatus(tx, ctx.agency.id, templateId, previous.version, { status: 'retired' });
        retiredVersion = previous.version;
      }
    }
    const decision = step === 'approve' || step === 'reject';
    await setVersionStatus(tx, ctx.agency.id, templateId, versionNumber, {
      status: resultingStatus[step],
      ...(decision ? { decidedBy: ctx.actor.userId || null, decisionNote } : {}),
    });
    await recordAudit(tx, ctx, {
      action: `template.version_${resultingStatus[step]}`,
      entityType: 'template',
      entityId: templateId,
      before: {
        [`v${versionNumber}.status`]: version.status,
        ...(retiredVersion ? { [`v${retiredVersion}.status`]: 'approved' } : {}),
      },
      after: {
        [`v${versionNumber}.status`]: resultingStatus[step],
        ...(retiredVersion ? { [`v${retiredVersion}.status`]: 'retired' } : {}),
      },
      reason: decisionNote,
    });
    if (step === 'submit') {
      for (const role of DECIDING_ROLES) {
        await notify(
          tx,
          { ...ctx, db: tx },
          {
            kind: 'approval_requested',
            to: { role },
            summary: `${ctx.actor.name} asks for approval of "${template.name}" (${template.language}) version ${versionNumber}`,
            templateId,
          },
        );
      }
    }
  });
  return presentVersion((await getVersion(ctx.db, ctx.agency.id, templateId, versionNumber))!);
}

/** Submits a draft version for approval. */
export function submitTemplateVersion(ctx: CommandContext, templateId: number, version: number) {
  return transition(ctx, templateId, version, 'submit');
}

/** Approves a submitted version (not your own draft) and retires the previously approved one. */
export function approveTemplateVersion(ctx: CommandContext, templateId: number, version: number, note?: string | null) {
  return transition(ctx, templateId, version, 'approve', note);
}

/** Rejects a submitted version (not your own draft), with an optional note for the author. */
export function rejectTemplateVersion(ctx: CommandContext, templateId: number, version: number, note?: string | null) {
  return transition(ctx, templateId, version, 'reject', note);
}

/** Retires an approved version, so the template has none in use until a new one is approved. */
export function retireTemplateVersion(ctx: CommandContext, templateId: number, version: number) {
  return transition(ctx, templateId, version, 'retire');
}
