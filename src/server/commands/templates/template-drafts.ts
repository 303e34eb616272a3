// Drafting templates: a new template starts as version 1 in draft, and every later edit is a new draft version
// (a version once written is never changed, so what was approved is exactly what was sent). Caseworkers,
// supervisors and administrators may draft. Bodies are plain text whose {{fields}} must be known merge fields.
import { AppError, notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import type { Role, TemplateChannel, TemplateResponseKind } from '../../db/schema.ts';
import { KNOWN_MERGE_FIELDS, unknownMergeFields } from '../../../domain/template-merge.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  findTemplate,
  getTemplate,
  getVersion,
  insertDraftVersion,
  insertTemplate,
} from '../../repositories/templates.ts';
import { FieldProblems, cleanName, requireRole } from '../common.ts';
import { getTemplateDetail, presentVersion } from './template-library.ts';

import { TEMPLATE_LIMITS } from '../../../shared/templates.ts';

export { TEMPLATE_LIMITS };
export const DRAFTING_ROLES: readonly Role[] = ['caseworker', 'supervisor', 'administrator'];
const TEMPLATE_CODE = /^[a-z0-9][a-z0-9_-]{0,59}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export interface CreateTemplateInput {
  code: string;
  name: string;
  channel: TemplateChannel;
  language: string;
  purpose?: string | undefined;
  /** acknowledgement or substantive; by default an acknowledgement when the code or purpose says so. */
  responseKind?: TemplateResponseKind | undefined;
  subject: string;
  body: string;
}

/** Checks a version's subject and body: lengths, a non-blank body, and only known merge fields. */
export function checkTemplateText(problems: FieldProblems, subject: string, body: string): void {
  if (subject.length > TEMPLATE_LIMITS.subject)
    problems.add('subject', `is at most ${TEMPLATE_LIMITS.subject} characters`);
  if (body.length > TEMPLATE_LIMITS.body) problems.add('body', `is at most ${TEMPLATE_LIMITS.body} characters`);
  if (body.trim() === '') problems.add('body', 'must not be blank');
  for (const [field, text] of [
    ['subject', subject],
    ['body', body],
  ] as const) {
    const unknown = unknownMergeFields(text);
    if (unknown.length > 0) {
      problems.add(
        field,
        `unknown merge field ${unknown.map((f) => `{{${f}}}`).join(', ')}; known fields are ${KNOWN_MERGE_FIELDS.join(', ')}`,
      );
    }
  }
}

/** Creates a template with version 1 as a draft by the actor. */
export async function createTemplate(ctx: CommandContext, input: CreateTemplateInput) {
  requireRole(ctx, DRAFTING_ROLES, 'draft templates');
  const problems = new FieldProblems();
  const code = input.code.trim().toLowerCase();
  if (!TEMPLATE_CODE.test(code)) problems.add('code', 'uses a-z, 0-9, _ and - (1-60 characters)');
  const name = cleanName(problems, 'name', input.name)!;
  if (name.length > TEMPLATE_LIMITS.name) problems.add('name', `is at most ${TEMPLATE_LIMITS.name} characters`);
  const language = input.language.trim();
  if (!LANGUAGE.test(language)) problems.add('language', 'must be a language code such as en, es or zh-Hant');
  const purpose = input.purpose?.trim() || 'response';
  const responseKind: TemplateResponseKind =
    input.responseKind ?? (/acknowledg/i.test(`${code} ${purpose}`) ? 'acknowledgement' : 'substantive');
  checkTemplateText(problems, input.subject, input.body);
  problems.throwIfAny();
  const id = await ctx.db.transaction().execute(async (tx) => {
    if (await findTemplate(tx, ctx.agency.id, { code, channel: input.channel, language })) {
      throw new AppError(
        'conflict',
        `A ${input.channel} template "${code}" in ${language} already exists; add a version to it.`,
        [{ field: 'code', message: 'is taken for this channel and language' }],
      );
    }
    const template = await insertTemplate(tx, ctx.agency.id, {
      code,
      name,
      channel: input.channel,
      language,
      purpose,
      responseKind,
    });
    await insertDraftVersion(tx, ctx.agency.id, template.id, {
      subject: input.subject,
      body: input.body,
      createdBy: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: 'template.created',
      entityType: 'template',
      entityId: template.id,
      after: {
        code,
        name,
        channel: input.channel,
        language,
        purpose,
        responseKind,
        templateVersion: 1,
        status: 'draft',
        subject: input.subject,
        body: input.body,
      },
    });
    return template.id;
  });
  return getTemplateDetail(ctx, id);
}

/** Adds a new draft version to a template (the way to edit a draft, a rejected or an approved text). */
export async function addTemplateVersion(
  ctx: CommandContext,
  templateId: number,
  input: { subject: string; body: string },
) {
  requireRole(ctx, DRAFTING_ROLES, 'draft templates');
  const problems = new FieldProblems();
  checkTemplateText(problems, input.subject, input.body);
  problems.throwIfAny();
  const version = await ctx.db.transaction().execute(async (tx) => {
    const template = await getTemplate(tx, ctx.agency.id, templateId, true);
    if (!template) throw notFound(`Template ${templateId}`);
    const version = await insertDraftVersion(tx, ctx.agency.id, templateId, {
      subject: input.subject,
      body: input.body,
      createdBy: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: 'template.version_drafted',
      entityType: 'template',
      entityId: templateId,
      after: { templateVersion: version, status: 'draft', subject: input.subject, body: input.body },
    });
    return version;
  });
  return presentVersion((await getVersion(ctx.db, ctx.agency.id, templateId, version))!);
}
