// Answering a case: the response is rendered from an approved template version (in the case's language, or
// English when that language has none) with its merge fields filled, recorded on the timeline as outbound
// correspondence, and the first substantive response stamps the case's first-response time.
import type { CommandContext } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import type { TemplateChannel } from '../db/schema.ts';
import { mutateCase } from './case-mutation.ts';
import { resumeClockPatch } from './case-deadlines.ts';
import { queueCaseEmail } from './email-outbound.ts';
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
      if (input.templateId || input.templateCode) {
        rendered = await renderResponse(tx, ctx, current, { ...input, channel: input.channel }, statusUrlBase);
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
          templateVersion: null,
          language: current.language,
          fallback: false,
          subject: input.subject ?? '',
          body: input.body,
          unknownFields: [],
        };
      }
      const substantive = input.substantive ?? true;
      const entry = await tx
        .insertInto('timeline_entries')
        .values({
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
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.channel === 'email') {
        // The mail to send is written with the response; a job delivers it (commands/email-outbound.ts).
        await queueCaseEmail(tx, { ...ctx, db: tx }, current, {
          entryId: entry.id,
          kind: 'response',
          subject: rendered.subject,
          body: rendered.body,
        });
      }
      const firstResponse = substantive && current.first_response_at === null;
      return {
        patch: {
          status: input.close ? 'closed' : 'responded',
          ...(current.status === 'waiting_on_constituent' ? await resumeClockPatch(tx, current, now) : {}),
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
