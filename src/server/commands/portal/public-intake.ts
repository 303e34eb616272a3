// A member of the public sends the portal's form: honeypot and signed-token checks, field validation with
// messages in their language, then the one intake command (createCase, as the system) — so routing, deadlines and
// audit are the same as every other door. A token makes at most one case; a resend shows the first case again.
import type { Config } from '../../env.ts';
import type { Db } from '../../db/database.ts';
import { systemActor, type Agency, type CommandContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { createCase } from '../cases/case-create.ts';
import { attachFile } from '../cases/case-attachment.ts';
import { recordAudit } from '../../repositories/audit.ts';
import type { ChannelRow } from '../../repositories/channels.ts';
import {
  addPersonNeeds,
  claimSubmission,
  completeSubmission,
  findStatusCase,
  releaseSubmission,
  type FormSubject,
} from '../../repositories/portal.ts';
import { detectFileType } from '../../../domain/file-types.ts';
import { isLanguageCode } from '../../../shared/languages.ts';
import type { MessageKey, Params } from '../../i18n/messages.ts';
import { digest, portalSecret, verifyFormToken } from './public-form-token.ts';
import { issueAccessCode } from './public-status.ts';

export const MESSAGE_MAX_LENGTH = 10_000;
export const ACCESSIBILITY_NEEDS = ['sign_language', 'large_print', 'screen_reader', 'homebound'] as const;
const ATTACHMENT_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp']);

export type FormField =
  | 'name'
  | 'email'
  | 'phone'
  | 'language'
  | 'subject'
  | 'message'
  | 'attachment'
  | 'consent'
  | 'satisfaction'
  | 'comment';

export interface FormProblem {
  /** The field at fault; 'form' for the whole form (token too fresh or too old). */
  field: FormField | 'form';
  key: MessageKey;
  params?: Params;
}

export interface PublicFormInput {
  token: string;
  honeypot: string;
  name: string;
  email: string;
  phone: string;
  language: string;
  subject: string;
  message: string;
  needs: string[];
  consent: boolean;
  attachment: { filename: string; data: Buffer } | null;
  attachmentTooLarge: boolean;
}

export interface CaseReceipt {
  trackingNumber: string;
  accessCode: string;
  expectedBy: Date | null;
}

export type IntakeOutcome =
  | ({ kind: 'created' } & CaseReceipt)
  | ({ kind: 'duplicate' } & Partial<CaseReceipt>)
  | { kind: 'dropped' }
  | { kind: 'invalid'; problems: FormProblem[] };

export interface PublicIntakeDependencies {
  db: Db;
  config: Config;
  agency: Agency;
  channel: ChannelRow;
  subjects: FormSubject[];
}

/** The form's text with browser line endings made one character each, as the length limit counts them. */
export function normalizeText(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

/** Splits one "full name" field: the last word is the family name; a single word (or a name without spaces) is kept whole. */
export function splitName(full: string): { firstName: string; lastName: string } {
  const words = full.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { firstName: '', lastName: words[0] ?? '' };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1]! };
}

function validate(deps: PublicIntakeDependencies, input: PublicFormInput): FormProblem[] {
  const problems: FormProblem[] = [];
  const maxMb = Math.round(deps.config.maxAttachmentBytes / 1024 / 1024);
  if (!input.name.trim() || input.name.length > 200) problems.push({ field: 'name', key: 'error.name_required' });
  const email = input.email.trim();
  const phone = input.phone.trim();
  if (!email && !phone) {
    problems.push({ field: 'email', key: 'error.contact_required' });
  } else {
    if (email && (email.length > 320 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))) {
      problems.push({ field: 'email', key: 'error.email_invalid' });
    }
    if (phone && (phone.length > 40 || phone.replace(/\D/g, '').length < 7)) {
      problems.push({ field: 'phone', key: 'error.phone_invalid' });
    }
  }
  if (!isLanguageCode(input.language)) problems.push({ field: 'language', key: 'error.language_invalid' });
  if (input.subject && !deps.subjects.some((s) => s.code === input.subject)) {
    problems.push({ field: 'subject', key: 'error.subject_invalid' });
  }
  const message = normalizeText(input.message);
  if (!message) problems.push({ field: 'message', key: 'error.message_required' });
  else if (message.length > MESSAGE_MAX_LENGTH) {
    problems.push({
      field: 'message',
      key: 'error.message_too_long',
      params: { count: message.length, max: MESSAGE_MAX_LENGTH },
    });
  }
  if (input.attachmentTooLarge)
    problems.push({ field: 'attachment', key: 'error.attachment_size', params: { size: maxMb } });
  else if (input.attachment) {
    const detected = detectFileType(input.attachment.data.subarray(0, 4096));
    if (!detected || !ATTACHMENT_TYPES.has(detected.contentType)) {
      problems.push({ field: 'attachment', key: 'error.attachment_type' });
    }
  }
  if (!input.consent) problems.push({ field: 'consent', key: 'error.consent_required' });
  return problems;
}

const INTAKE_FIELDS: Record<string, FormField> = {
  'person.email': 'email',
  'person.phone': 'phone',
  person: 'name',
  'person.language': 'language',
  language: 'language',
  subject: 'subject',
};

async function receiptOf(db: Db, agencyId: number, trackingNumber: string): Promise<Partial<CaseReceipt>> {
  const found = await findStatusCase(db, agencyId, trackingNumber);
  // The access code was shown once, on the first answer; only its digest is kept.
  if (!found || found.restricted) return { trackingNumber };
  return { trackingNumber, expectedBy: found.firstResponseDueAt };
}

/** Handles one submission of a public form. */
export async function submitPublicForm(deps: PublicIntakeDependencies, input: PublicFormInput): Promise<IntakeOutcome> {
  // A filled honeypot is a bot: it gets a thank-you page and nothing is written.
  if (input.honeypot.trim()) return { kind: 'dropped' };
  const problems = validate(deps, input);
  const secret = await portalSecret(deps.db, deps.config);
  const tokenCheck = verifyFormToken(secret, input.token, deps.agency.slug, deps.channel.slug);
  if (tokenCheck === 'too_fast') problems.unshift({ field: 'form', key: 'error.too_fast' });
  else if (tokenCheck !== 'ok') problems.unshift({ field: 'form', key: 'error.expired' });
  if (problems.length) return { kind: 'invalid', problems };

  const tokenDigest = digest(input.token);
  const claim = await claimSubmission(deps.db, deps.agency.id, tokenDigest);
  if (!claim.claimed) {
    // The same form sent twice (a double click, a reload): show the first case, waiting briefly if it is still being made.
    let trackingNumber = claim.trackingNumber;
    for (let waited = 0; !trackingNumber && waited < 5_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      trackingNumber = (await claimSubmission(deps.db, deps.agency.id, tokenDigest)).trackingNumber;
    }
    return { kind: 'duplicate', ...(trackingNumber ? await receiptOf(deps.db, deps.agency.id, trackingNumber) : {}) };
  }

  const ctx: CommandContext = { db: deps.db, agency: deps.agency, actor: systemActor('public form'), requestId: null };
  const language = input.language;
  const interpreter = input.needs.includes('interpreter');
  const needs = ACCESSIBILITY_NEEDS.filter((n) => input.needs.includes(n));
  let created;
  try {
    created = await createCase(ctx, {
      channel: deps.channel.slug,
      subject: input.subject || null,
      description: normalizeText(input.message),
      person: {
        ...splitName(input.name),
        email: input.email.trim() || undefined,
        phone: input.phone.trim() || undefined,
        language,
      },
      language,
      tags: interpreter ? ['interpreter'] : [],
    });
  } catch (error) {
    await releaseSubmission(deps.db, deps.agency.id, tokenDigest);
    if (error instanceof AppError && error.code === 'validation_failed') {
      return {
        kind: 'invalid',
        problems: error.details.map((d) => ({
          field: INTAKE_FIELDS[d.field] ?? 'message',
          key: d.field.includes('email')
            ? 'error.email_invalid'
            : d.field.includes('phone')
              ? 'error.phone_invalid'
              : d.field.includes('language')
                ? 'error.language_invalid'
                : d.field === 'subject'
                  ? 'error.subject_invalid'
                  : 'error.name_required',
        })),
      };
    }
    throw error;
  }

  const accessCode = await deps.db.transaction().execute(async (tx) => {
    const code = await issueAccessCode(tx, deps.agency.id, created.id);
    if (created.person_id) await addPersonNeeds(tx, deps.agency.id, created.person_id, interpreter, [...needs]);
    await completeSubmission(tx, deps.agency.id, tokenDigest, created.id, created.tracking_number);
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'case.public_form_received',
        entityType: 'case',
        entityId: created.tracking_number,
        caseId: created.id,
        after: { channel_slug: deps.channel.slug, interpretation_needed: interpreter, accessibility_needs: needs },
      },
    );
    return code;
  });
  if (input.attachment) {
    await attachFile(ctx, deps.config.dataDir, deps.config.maxAttachmentBytes, {
      trackingNumber: created.tracking_number,
      filename: input.attachment.filename,
      data: input.attachment.data,
      note: 'Sent with the public form.',
    });
  }
  return {
    kind: 'created',
    trackingNumber: created.tracking_number,
    accessCode,
    expectedBy: created.first_response_due_at,
  };
}
