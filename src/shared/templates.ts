// The template library's contract: list, find the approved version, draft, submit, approve, reject, retire —
// requests and the template / version shapes the API answers with.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, stringEnum } from './schema-helpers.ts';

export const TEMPLATE_LIMITS = { subject: 300, body: 50_000, name: 200 } as const;
export const TEMPLATE_CHANNELS = ['email', 'letter', 'phone'] as const;
export const TEMPLATE_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'retired'] as const;
export const TEMPLATE_RESPONSE_KINDS = ['acknowledgement', 'substantive'] as const;

/** acknowledgement or substantive: only a substantive response stops the first-response clock. */
const ResponseKind = (description?: string) =>
  Type.Union([Type.Literal('acknowledgement'), Type.Literal('substantive')], description ? { description } : {});

const SubjectText = Type.String({ maxLength: TEMPLATE_LIMITS.subject });
const BodyText = Type.String({ minLength: 1, maxLength: TEMPLATE_LIMITS.body });

export const TemplateIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const TemplateVersionParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  version: Type.Integer({ minimum: 1 }),
});
export const TemplateDecisionBody = Type.Object({
  note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
});
export const TemplateListQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 60 })),
  channel: Type.Optional(stringEnum(TEMPLATE_CHANNELS)),
  language: Type.Optional(Type.String({ maxLength: 35 })),
  status: Type.Optional(stringEnum(TEMPLATE_STATUSES)),
});
export const ApprovedTemplateQuery = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 60 }),
  channel: stringEnum(TEMPLATE_CHANNELS),
  language: Type.Optional(Type.String({ minLength: 2, maxLength: 35 })),
});
export const CreateTemplateBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 60 }),
  name: Type.String({ minLength: 1, maxLength: TEMPLATE_LIMITS.name }),
  channel: stringEnum(TEMPLATE_CHANNELS),
  language: Type.String({ minLength: 2, maxLength: 35 }),
  purpose: Type.Optional(Type.String({ maxLength: 60 })),
  responseKind: Type.Optional(
    ResponseKind('Only a substantive response stops the first-response clock and counts in the indicators.'),
  ),
  subject: SubjectText,
  body: BodyText,
});
export const TemplateVersionBody = Type.Object({ subject: SubjectText, body: BodyText });

// ---- responses ----

const Person = Nullable(Type.Object({ id: Type.Integer(), name: Nullable(Type.String()) }));

export const TemplateVersionSchema = Type.Object({
  version: Type.Integer(),
  status: Type.Union([
    Type.Literal('draft'),
    Type.Literal('submitted'),
    Type.Literal('approved'),
    Type.Literal('rejected'),
    Type.Literal('retired'),
  ]),
  subject: Type.String(),
  body: Type.Optional(Type.String({ description: 'Left out of list answers.' })),
  fieldNames: Type.Array(Type.String()),
  createdBy: Person,
  createdAt: Type.String(),
  decidedBy: Person,
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
});

const TemplateFields = {
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  channel: Type.Union([Type.Literal('email'), Type.Literal('letter'), Type.Literal('phone')]),
  language: Type.String(),
  purpose: Type.String(),
  responseKind: ResponseKind(),
  createdAt: Type.String(),
};
const TemplateHeadSchema = Type.Object(TemplateFields);

export const TemplateSummarySchema = Type.Object({
  ...TemplateFields,
  latestVersion: Nullable(TemplateVersionSchema),
  approvedVersion: Nullable(Type.Integer()),
});
export const TemplateListSchema = Type.Array(TemplateSummarySchema);

export const TemplateDetailSchema = Type.Object({
  ...TemplateFields,
  approvedVersion: Nullable(Type.Integer()),
  versions: Type.Array(TemplateVersionSchema),
});

export const ApprovedTemplateSchema = Type.Object({
  template: TemplateHeadSchema,
  version: TemplateVersionSchema,
  requestedLanguage: Type.String(),
  language: Type.String(),
  fallback: Type.Boolean(),
});

export type TemplateVersion = Static<typeof TemplateVersionSchema>;
export type TemplateSummary = Static<typeof TemplateSummarySchema>;
export type TemplateDetail = Static<typeof TemplateDetailSchema>;
