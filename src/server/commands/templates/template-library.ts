// Reading the template library: templates with their latest and approved versions, one template with its whole
// history, and the approved version a response should use (falling back to English when the language has none).
// Only an approved version is ever handed out for use.
import { notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import type { TemplateChannel } from '../../db/schema.ts';
import { templateFieldNames } from '../../../domain/template-merge.ts';
import {
  findTemplate,
  getApprovedVersion,
  getTemplate,
  listTemplates,
  listVersions,
  type TemplateFilter,
  type TemplateRecord,
  type TemplateVersionRecord,
} from '../../repositories/templates.ts';

export const FALLBACK_LANGUAGE = 'en';

/** A version as the API shows it; `includeBody` false leaves the (possibly long) body out of lists. */
export function presentVersion(v: TemplateVersionRecord, includeBody = true) {
  return {
    version: v.version,
    status: v.status,
    subject: v.subject,
    ...(includeBody ? { body: v.body } : {}),
    fieldNames: templateFieldNames(`${v.subject}\n${v.body}`),
    createdBy: v.createdBy === null ? null : { id: v.createdBy, name: v.createdByName },
    createdAt: v.createdAt.toISOString(),
    decidedBy: v.decidedBy === null ? null : { id: v.decidedBy, name: v.decidedByName },
    decidedAt: v.decidedAt?.toISOString() ?? null,
    decisionNote: v.decisionNote,
  };
}

function presentTemplate(t: TemplateRecord) {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    channel: t.channel,
    language: t.language,
    purpose: t.purpose,
    responseKind: t.responseKind,
    createdAt: t.createdAt.toISOString(),
  };
}

/** Templates matching the filter, each with its latest version (without body) and approved version number. */
export async function listTemplateLibrary(ctx: CommandContext, filter: TemplateFilter) {
  const templates = await listTemplates(ctx.db, ctx.agency.id, filter);
  const versions = await listVersions(
    ctx.db,
    ctx.agency.id,
    templates.map((t) => t.id),
  );
  return templates.map((t) => {
    const own = versions.filter((v) => v.templateId === t.id);
    return {
      ...presentTemplate(t),
      latestVersion: own[0] ? presentVersion(own[0], false) : null,
      approvedVersion: own.find((v) => v.status === 'approved')?.version ?? null,
    };
  });
}

/** One template with every version, newest first. */
export async function getTemplateDetail(ctx: CommandContext, id: number) {
  const template = await getTemplate(ctx.db, ctx.agency.id, id);
  if (!template) throw notFound(`Template ${id}`);
  const versions = await listVersions(ctx.db, ctx.agency.id, [id]);
  return {
    ...presentTemplate(template),
    approvedVersion: versions.find((v) => v.status === 'approved')?.version ?? null,
    versions: versions.map((v) => presentVersion(v)),
  };
}

/** The approved version to use for code/channel/language; English stands in (fallback: true) when needed. */
export async function findApprovedTemplate(
  ctx: CommandContext,
  key: { code: string; channel: TemplateChannel; language: string },
) {
  const tried = key.language === FALLBACK_LANGUAGE ? [key.language] : [key.language, FALLBACK_LANGUAGE];
  for (const language of tried) {
    const template = await findTemplate(ctx.db, ctx.agency.id, { ...key, language });
    const version = template && (await getApprovedVersion(ctx.db, ctx.agency.id, template.id));
    if (template && version) {
      return {
        template: presentTemplate(template),
        version: presentVersion(version),
        requestedLanguage: key.language,
        language,
        fallback: language !== key.language,
      };
    }
  }
  throw notFound(`An approved ${key.channel} template "${key.code}" in ${key.language} or English`);
}
