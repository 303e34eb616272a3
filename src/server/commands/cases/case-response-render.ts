// Rendering an answer to a case: the approved template version in the case's language (English when that
// language has none) with its merge fields filled. Used by case-respond.ts and by outbound email (email-outbound.ts).
import type { CommandContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { TemplateChannel } from '../../db/schema.ts';
import type { CaseRow } from '../../repositories/cases.ts';
import { findTemplate, getApprovedVersion, getTemplate } from '../../repositories/templates.ts';
import { findPerson } from '../../repositories/people.ts';
import { findSubject } from '../../repositories/configuration/subjects.ts';
import { mergeFields } from '../../../domain/template-merge.ts';
import { statusLinkForCase } from '../portal/public-status.ts';
import { localDate } from '../../../shared/local-time.ts';

export interface TemplateChoice {
  templateId?: number | undefined;
  /** Picks the template by code for the case's language, falling back to English. */
  templateCode?: string | undefined;
  channel: TemplateChannel;
  responseText?: string | undefined;
}

export interface RenderedResponse {
  templateId: number | null;
  /** What the template says it is; null for a free-form response. */
  responseKind: 'acknowledgement' | 'substantive' | null;
  templateVersion: number | null;
  language: string;
  fallback: boolean;
  subject: string;
  body: string;
  unknownFields: string[];
  /** Merge fields with no value for this case: sending needs allowEmptyFields (the text has a gap there). */
  emptyFields: string[];
}

async function mergeValues(
  db: Db,
  ctx: CommandContext,
  current: CaseRow,
  statusUrlBase: string,
  responseText: string,
  /** The text uses {{statusUrl}}: a new access code is given out for it (only then, since it is shown once). */
  needsStatusUrl: boolean,
) {
  const [person, subject] = await Promise.all([
    current.person_id ? findPerson(db, current.agency_id, current.person_id) : undefined,
    current.subject_code ? findSubject(db, current.agency_id, current.subject_code) : undefined,
  ]);
  const agency = ctx.agency;
  const day = (d: Date | null) => (d ? localDate(d, agency.timeZone) : '');
  return {
    trackingNumber: current.tracking_number,
    firstName: person?.first_name ?? '',
    lastName: person?.last_name ?? '',
    agencyName: agency.name,
    subjectName: subject?.name ?? '',
    firstResponseDue: day(current.first_response_due_at),
    resolutionDue: day(current.resolution_due_at),
    receivedDate: day(current.received_at),
    // The public status page with the case's access code; restricted cases have none.
    statusUrl: needsStatusUrl
      ? ((await statusLinkForCase(db, { publicUrl: statusUrlBase }, ctx.agency, current)) ?? '')
      : '',
    caseworkerName: ctx.actor.name,
    responseText,
  };
}

/** Renders the approved version of the chosen template for this case; 409 when no approved version exists. */
export async function renderResponse(
  db: Db,
  ctx: CommandContext,
  current: CaseRow,
  choice: TemplateChoice,
  statusUrlBase: string,
): Promise<RenderedResponse> {
  let template = choice.templateId ? await getTemplate(db, ctx.agency.id, choice.templateId) : null;
  let fallback = false;
  if (choice.templateId && !template) throw notFound(`Template ${choice.templateId}`);
  if (!template && choice.templateCode) {
    template = await findTemplate(db, ctx.agency.id, {
      code: choice.templateCode,
      channel: choice.channel,
      language: current.language,
    });
    if (!template && current.language !== 'en') {
      template = await findTemplate(db, ctx.agency.id, {
        code: choice.templateCode,
        channel: choice.channel,
        language: 'en',
      });
      fallback = template !== null;
    }
    if (!template) throw invalid('templateCode', `no ${choice.channel} template "${choice.templateCode}" exists`);
  }
  if (!template) throw invalid('templateId', 'choose a template (templateId or templateCode)');
  if (template.channel !== choice.channel) {
    throw invalid('channel', `template ${template.id} is a ${template.channel} template, not ${choice.channel}`);
  }
  const version = await getApprovedVersion(db, ctx.agency.id, template.id);
  if (!version) {
    throw new AppError(
      'conflict',
      `Template "${template.name}" (${template.language}) has no approved version; only approved versions can be sent.`,
      [{ field: 'templateId', message: 'has no approved version' }],
    );
  }
  const values = await mergeValues(
    db,
    ctx,
    current,
    statusUrlBase,
    choice.responseText ?? '',
    /\{\{\s*statusUrl\s*\}\}/.test(`${version.subject}\n${version.body}`),
  );
  const subject = mergeFields(version.subject, values);
  const body = mergeFields(version.body, values);
  return {
    templateId: template.id,
    responseKind: template.responseKind,
    templateVersion: version.version,
    language: template.language,
    fallback,
    subject: subject.text,
    body: body.text,
    unknownFields: [...new Set([...subject.unknownFields, ...body.unknownFields])],
    emptyFields: [...new Set([...subject.emptyFields, ...body.emptyFields])],
  };
}
