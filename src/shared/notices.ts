// Notices to the public: the contract. A notice tells the people of a group of cases (subject, unit, language,
// organisation) about a program change, from an approved response template in each person's language, by email
// (paced through the outbox) or by letter (the print batch); the preview counts recipients by language and channel
// and the people left out (opted out, confidential, no usable address); the delivery log lists each person.
import { Type, type Static } from '@sinclair/typebox';

export const NOTICE_DELIVERIES = ['email', 'letter', 'email_else_letter'] as const;
export type NoticeDelivery = (typeof NOTICE_DELIVERIES)[number];
export const NOTICE_DELIVERY_LABELS: Record<NoticeDelivery, string> = {
  email: 'Email only',
  letter: 'Letter only',
  email_else_letter: 'Email, or a letter to people without an email address',
};
export const SUPPRESSION_REASONS = ['opted_out', 'confidential', 'no_address'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
export const SUPPRESSION_LABELS: Record<SuppressionReason, string> = {
  opted_out: 'Asked for no notices',
  confidential: 'Confidential (protected address or restricted case)',
  no_address: 'No usable address for the channel',
};

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });

export const NoticeAudience = Type.Object(
  {
    subjectCode: Type.Optional(Type.String({ maxLength: 100, description: 'People with a case of this subject.' })),
    unitId: Type.Optional(Id),
    languages: Type.Optional(
      Type.Array(Type.String({ minLength: 2, maxLength: 10 }), {
        maxItems: 11,
        description: 'Only people whose preferred language is one of these.',
      }),
    ),
    organizationId: Type.Optional(Id),
    openCasesOnly: Type.Optional(Type.Boolean({ description: 'Only people with an open case (default: any case).' })),
  },
  { additionalProperties: false },
);
export type NoticeAudienceInput = Static<typeof NoticeAudience>;

export const NoticeBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300, description: 'What the notice is about, for the log.' }),
    templateCode: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The response template used, in each person’s language (English where a language has none).',
    }),
    delivery: Type.String({ enum: [...NOTICE_DELIVERIES] }),
    audience: NoticeAudience,
  },
  { additionalProperties: false },
);
export type NoticeInput = Static<typeof NoticeBody>;

const LanguageCount = Type.Object({
  language: Type.String(),
  email: Type.Integer(),
  letter: Type.Integer(),
  fallback: Type.Boolean({ description: 'The language has no approved template version: English is sent.' }),
});

export const NoticePreview = Type.Object({
  recipients: Type.Integer({ description: 'People who will receive the notice.' }),
  byLanguage: Type.Array(LanguageCount),
  suppressed: Type.Object({ opted_out: Type.Integer(), confidential: Type.Integer(), no_address: Type.Integer() }),
  problems: Type.Array(Type.String(), { description: 'What stops the notice from being sent (missing templates).' }),
  firstSendAt: Type.String({ format: 'date-time' }),
  lastSendAt: Type.String({ format: 'date-time', description: 'When the last email goes, at the relay’s rate.' }),
});
export type NoticePreviewView = Static<typeof NoticePreview>;

export const NoticeRecipient = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  language: Type.String(),
  channel: Type.Union([Type.String({ enum: ['email', 'letter'] }), Type.Null()]),
  suppressedReason: Type.Union([Type.String({ enum: [...SUPPRESSION_REASONS] }), Type.Null()]),
  trackingNumber: Type.Union([Type.String(), Type.Null()]),
  deliveryStatus: Type.Union([Type.String(), Type.Null()], {
    description: 'queued, sent, failed, bounced (email); to_print, printed, mailed (letter).',
  }),
  sendAfter: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const NoticeSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  templateCode: Type.String(),
  delivery: Type.String({ enum: [...NOTICE_DELIVERIES] }),
  audience: NoticeAudience,
  recipientCount: Type.Integer(),
  suppressedCount: Type.Integer(),
  sentAt: Type.String({ format: 'date-time' }),
  sentBy: Type.Union([Type.String(), Type.Null()]),
});
export type NoticeSummaryView = Static<typeof NoticeSummary>;

export const Notice = Type.Composite([
  NoticeSummary,
  Type.Object({
    delivered: Type.Object({
      email: Type.Object({ queued: Type.Integer(), sent: Type.Integer(), failed: Type.Integer() }),
      letter: Type.Object({ toPrint: Type.Integer(), printed: Type.Integer(), mailed: Type.Integer() }),
    }),
    recipients: Type.Array(NoticeRecipient, { description: 'The delivery log (people the caller may see).' }),
  }),
]);
export type NoticeView = Static<typeof Notice>;

export const NoticeList = Type.Object({ items: Type.Array(NoticeSummary) });
export type NoticeListView = Static<typeof NoticeList>;

export const NoticeParams = Type.Object({ id: Id });
export const OptOutParams = Type.Object({ personId: Id });
export const OptOutBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export const OptOut = Type.Object({ personId: Type.Integer(), optedOut: Type.Boolean() });
