// Answering a case: the response is rendered from an approved template version (in the case's language, or
// English when that language has none) with its merge fields filled, recorded on the timeline as outbound
// correspondence, and the first substantive response stamps the case's first-response time.
import type { CommandContext } from '../../context.ts';
import { AppError, invalid } from '../../errors.ts';
import type { TemplateChannel } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';
import type { CaseRow } from '../../repositories/cases.ts';
import { mutateCase } from './case-mutation.ts';
import { resumeClockPatch } from './case-deadlines.ts';
import { queueCaseEmail } from '../email/email-outbound.ts';
import { mailingAddresses } from '../../repositories/letters.ts';
import { insertTimelineEntry } from '../../repositories/timeline.ts';
import { postalAddressProblem } from '../../../domain/postal-address.ts';
import { renderResponse, type RenderedResponse, type TemplateChoice } from './case-response-render.ts';

export { renderResponse, type RenderedResponse, type TemplateChoice };

export interface RespondInput extends Partial<TemplateChoice> {
  trackingNumber: string;
  channel: TemplateChannel;
  /** A free-form response (no template): allowed for phone calls and for supervisors and administrators. */
  subject?: string | undefined;
  body?: string | undefined;
  substantive?: boolean | undefined;
  close?: boolean | undefined;
  expectedVersion?: number | undefined;
  /** Send even though merge fields are empty for this case (the caller saw the preview and confirmed). */
  allowEmptyFields?: boolean | undefined;
}

/** Plain words for a merge field in an error message. */
const FIELD_WORDS: Record<string, string> = {
  firstName: "the person's first name",
  lastName: "the person's last name",
  subjectName: "the case's subject (code the case first)",
  firstResponseDue: 'the first-response due date',
  resolutionDue: 'the resolution due date',
  statusUrl: 'the public status link (restricted cases have none)',
  responseText: 'the response text',
  receivedDate: 'the date received',
};

/** Refuses a response whose merged text would have gaps, naming each empty field; unless confirmed. */
function refuseEmptyFields(rendered: RenderedResponse, allow: boolean | undefined): void {
  if (allow || rendered.emptyFields.length === 0) return;
  const names = rendered.emptyFields.map((f) => `{{${f}}}`).join(', ');
  throw new AppError(
    'validation_failed',
    `The template uses ${names}, which ${rendered.emptyFields.length === 1 ? 'is' : 'are'} empty for this case: ` +
      `${rendered.emptyFields.map((f) => FIELD_WORDS[f] ?? f).join('; ')}. Fill ${rendered.emptyFields.length === 1 ? 'it' : 'them'} in, ` +
      'or send anyway with allowEmptyFields.',
    rendered.emptyFields.map((field) => ({
      field: `mergeFields.${field}`,
      message: `is empty for this case (${FIELD_WORDS[field] ?? field})`,
    })),
  );
}

/** Refuses a letter to a person without a postal address a letter can carry, saying why. */
async function requirePostalAddress(tx: Db, current: CaseRow): Promise<void> {
  const addresses = current.person_id ? await mailingAddresses(tx, current.agency_id, [current.person_id]) : null;
  const problem = current.person_id
    ? postalAddressProblem(addresses?.get(current.person_id)?.[0])
    : 'the case has no person to write to';
  if (problem) {
    throw new AppError(
      'validation_failed',
      `A letter cannot be sent: ${problem}. Add a postal address to the person, or answer by email or phone.`,
      [{ field: 'person.address', message: problem }],
    );
  }
}

const deliveryStatus: Record<TemplateChannel, string> = { email: 'queued', letter: 'to_print', phone: 'completed' };

/** Records a response on the case and moves it to responded (or closed). */
export async function respondToCase(ctx: CommandContext, input: RespondInput, statusUrlBase: string) {
  const now = new Date();
  let rendered: RenderedResponse | null = null;
  const row = await mutateCase(
    ctx,
    {
      trackingNumber: input.trackingNumber,
      expectedVersion: input.expectedVersion,
      action: 'case:respond',
      auditAction: 'case.responded',
    },
    async (tx, current) => {
      if (current.status === 'closed')
        throw new AppError('conflict', 'The case is closed; reopen it before answering.');
      if (input.channel === 'letter') await requirePostalAddress(tx, current);
      if (input.templateId || input.templateCode) {
        rendered = await renderResponse(tx, ctx, current, { ...input, channel: input.channel }, statusUrlBase);
        refuseEmptyFields(rendered, input.allowEmptyFields);
      } else {
        const mayWriteFreely = input.channel === 'phone' || ['supervisor', 'administrator'].includes(ctx.actor.role);
        if (!mayWriteFreely) {
          throw invalid(
            'templateId',
            'email and letter responses use an approved template (templateId or templateCode)',
          );
        }
        if (!input.body?.trim()) throw invalid('body', 'is required for a response without a template');
        rendered = {
          templateId: null,
          responseKind: null,
          templateVersion: null,
          language: current.language,
          fallback: false,
          subject: input.subject ?? '',
          body: input.body,
          unknownFields: [],
          emptyFields: [],
        };
      }
      // An acknowledgement template never counts as the first response, whatever the caller says; a substantive
      // one (or free text) does unless the caller marks it otherwise.
      const substantive = rendered.responseKind !== 'acknowledgement' && (input.substantive ?? true);
      const entryId = await insertTimelineEntry(tx, {
        agency_id: ctx.agency.id,
        case_id: current.id,
        kind: 'outbound',
        channel: input.channel,
        author_user_id: ctx.actor.userId || null,
        subject: rendered.subject,
        body: rendered.body,
        template_id: rendered.templateId,
        template_version: rendered.templateVersion,
        language: rendered.language,
        substantive,
        delivery_status: deliveryStatus[input.channel],
      });
      if (input.channel === 'email') {
        // The mail to send is written with the response; a job delivers it (commands/email-outbound.ts).
        await queueCaseEmail(tx, { ...ctx, db: tx }, current, {
          entryId,
          kind: 'response',
          subject: rendered.subject,
          body: rendered.body,
        });
      }
      const firstResponse = substantive && current.first_response_at === null;
      return {
        patch: {
          status: input.close ? 'closed' : 'responded',
          ...(current.status === 'waiting_on_constituent'
            ? await resumeClockPatch({ tx, db: ctx.db }, current, now)
            : {}),
          ...(input.close ? { closed_at: now } : {}),
          ...(firstResponse ? { first_response_at: now } : {}),
        },
        auditAfter: {
          response_channel: input.channel,
          template: rendered.templateId ? `${rendered.templateId} v${rendered.templateVersion}` : null,
          response_language: rendered.language,
        },
      };
    },
  );
  return { case: row, response: rendered as unknown as RenderedResponse };
}
