// The materials library's contract: flyers, brochures, fact sheets and call-centre scripts, each with versions per
// language (English, the ten Local Law 30 languages; Spanish serves California too), approved one version per
// language at a time, with a review date and a file; and the distribution log (how many copies, to whom or to which
// engagement or organisation). The console takes its types from these schemas (Static<typeof X>).
import { Type, type Static } from '@sinclair/typebox';
import { LocalDate, Nullable } from './schema-helpers.ts';

export const MATERIAL_KINDS = ['flyer', 'brochure', 'fact_sheet', 'script'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  flyer: 'Flyer',
  brochure: 'Brochure',
  fact_sheet: 'Fact sheet',
  script: 'Call-centre script',
};
export const MATERIAL_VERSION_STATUSES = ['draft', 'approved', 'retired'] as const;
export const MATERIAL_STATUS_LABELS: Record<(typeof MATERIAL_VERSION_STATUSES)[number], string> = {
  draft: 'Draft',
  approved: 'Approved',
  retired: 'Retired',
};

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Language = Type.String({
  minLength: 2,
  maxLength: 10,
  description: 'A language code: en, es, zh, ru, bn, ht, ko, ar, ur, fr, pl.',
});

export const MaterialParams = Type.Object({ id: Id });
export const MaterialVersionParams = Type.Object({ id: Id, versionId: Id });

export const CreateMaterialBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    kind: Type.String({ enum: [...MATERIAL_KINDS] }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    subjectCode: Type.Optional(Type.String({ maxLength: 100, description: 'The subject it explains, if any.' })),
  },
  { additionalProperties: false },
);
export type CreateMaterialInput = Static<typeof CreateMaterialBody>;

export const AddMaterialVersionBody = Type.Object(
  {
    language: Language,
    reviewOn: Type.Optional(LocalDate('The date by which the version must be reviewed (it expires then).')),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'What changed.' })),
  },
  { additionalProperties: false },
);
export type AddMaterialVersionInput = Static<typeof AddMaterialVersionBody>;

export const RecordDistributionBody = Type.Object(
  {
    language: Language,
    quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    distributedOn: LocalDate('The local date the copies were handed out or sent.'),
    engagementId: Type.Optional(Id),
    organizationId: Type.Optional(Id),
    recipient: Type.Optional(
      Type.String({ maxLength: 300, description: 'Who received them, if not an organisation.' }),
    ),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type RecordDistributionInput = Static<typeof RecordDistributionBody>;

export const ListMaterialsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the title.' })),
  kind: Type.Optional(Type.String({ enum: [...MATERIAL_KINDS] })),
  language: Type.Optional(Type.String({ maxLength: 10, description: 'Only materials approved in this language.' })),
});

export const MaterialVersion = Type.Object({
  id: Type.Integer(),
  language: Type.String(),
  version: Type.Integer(),
  status: Type.String({ enum: [...MATERIAL_VERSION_STATUSES] }),
  reviewOn: Nullable(Type.String()),
  reviewDue: Type.Boolean({ description: 'An approved version whose review date has come (today or earlier).' }),
  note: Type.String(),
  file: Type.Union([
    Type.Object({ name: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer() }),
    Type.Null(),
  ]),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Nullable(Type.String()),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  decidedBy: Nullable(Type.String()),
});
export type MaterialVersionView = Static<typeof MaterialVersion>;

export const MaterialDistribution = Type.Object({
  id: Type.Integer(),
  language: Type.String(),
  quantity: Type.Integer(),
  distributedOn: Type.String(),
  engagement: Type.Union([Type.Object({ id: Type.Integer(), title: Type.String() }), Type.Null()]),
  organization: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  recipient: Type.String(),
  note: Type.String(),
  recordedBy: Nullable(Type.String()),
});
export type MaterialDistributionView = Static<typeof MaterialDistribution>;

export const MaterialSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  kind: Type.String({ enum: [...MATERIAL_KINDS] }),
  description: Type.String(),
  subjectCode: Nullable(Type.String()),
  approvedLanguages: Type.Array(Type.String(), { description: 'Languages with an approved version.' }),
  reviewDueLanguages: Type.Array(Type.String(), { description: 'Languages whose approved version is due for review.' }),
  distributed: Type.Integer({ description: 'Copies recorded in the distribution log.' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type MaterialSummaryView = Static<typeof MaterialSummary>;

export const Material = Type.Composite([
  MaterialSummary,
  Type.Object({
    versions: Type.Array(MaterialVersion, { description: 'Newest first within each language.' }),
    distributions: Type.Array(MaterialDistribution, { description: 'Newest first.' }),
  }),
]);
export type MaterialView = Static<typeof Material>;

export const MaterialList = Type.Object({ items: Type.Array(MaterialSummary) });
export type MaterialListView = Static<typeof MaterialList>;
