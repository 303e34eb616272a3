// The queues' contract: saved views (a queue's filters, sort and columns under a name, personal or shared with a unit
// or the agency) and bulk coding of many cases (preview, apply, undo within the undo window).
import { Type, type Static } from '@sinclair/typebox';
import { CASE_SORTS, ListCasesQuery, PrioritySchema, SORT_DIRECTIONS } from './cases.ts';
import { Nullable, stringEnum } from './schema-helpers.ts';

/** The queues' address slugs (the console's /queues/$queue), which a saved view opens. */
export const QUEUE_SLUGS = [
  'mine',
  'my-unit',
  'unassigned',
  'due-today',
  'overdue',
  'escalated',
  'elected-officials',
  'all',
] as const;

/** The columns a queue can show, in their order; tracking number is always shown. */
export const QUEUE_COLUMNS = [
  'subject',
  'person',
  'unit',
  'assignee',
  'status',
  'deadline',
  'priority',
  'escalation',
  'received',
  'tags',
] as const;
export type QueueColumn = (typeof QUEUE_COLUMNS)[number];
export const DEFAULT_QUEUE_COLUMNS: QueueColumn[] = [
  'subject',
  'person',
  'unit',
  'assignee',
  'status',
  'deadline',
  'priority',
  'escalation',
];

/** Row heights of a queue: comfortable (the case's first words under its subject) or compact (one line a case). */
export const QUEUE_DENSITIES = ['comfortable', 'compact'] as const;
export type QueueDensity = (typeof QUEUE_DENSITIES)[number];

/** Words for each column (headers, the column chooser). */
export const QUEUE_COLUMN_LABELS: Record<QueueColumn, string> = {
  subject: 'Subject',
  person: 'Person',
  unit: 'Unit',
  assignee: 'Assignee',
  status: 'Status',
  deadline: 'Deadline',
  priority: 'Priority',
  escalation: 'Escalation',
  received: 'Received',
  tags: 'Tags',
};

const filterText = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

export const SavedViewFiltersSchema = Type.Object(
  {
    channel: filterText(200),
    subject: filterText(100),
    status: filterText(200),
    unit: filterText(100),
    priority: filterText(100),
    q: filterText(500),
  },
  { additionalProperties: false },
);

export const SavedViewDefinitionSchema = Type.Object(
  {
    /** The queue's address slug (mine, my-unit, unassigned, due-today, overdue, escalated, elected-officials, all). */
    queue: Type.String({ minLength: 1, maxLength: 40 }),
    filters: SavedViewFiltersSchema,
    sort: stringEnum(CASE_SORTS),
    direction: stringEnum(SORT_DIRECTIONS),
    columns: Type.Array(stringEnum(QUEUE_COLUMNS), { minItems: 1, maxItems: QUEUE_COLUMNS.length, uniqueItems: true }),
    /** Row height; comfortable when left out. */
    density: Type.Optional(stringEnum(QUEUE_DENSITIES)),
  },
  { additionalProperties: false },
);

const SharedWithSchema = Type.Union([Type.Literal('private'), Type.Literal('unit'), Type.Literal('agency')]);

export const SavedViewBody = Type.Object(
  {
    name: Type.String({ maxLength: 120 }),
    definition: SavedViewDefinitionSchema,
    sharedWith: Type.Optional(SharedWithSchema),
    sharedUnitId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
  },
  { additionalProperties: false },
);

export const SavedViewPatchBody = Type.Object(
  {
    expectedVersion: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Type.String({ maxLength: 120 })),
    definition: Type.Optional(SavedViewDefinitionSchema),
    sharedWith: Type.Optional(SharedWithSchema),
    sharedUnitId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
  },
  { additionalProperties: false },
);

export const SavedViewSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  definition: SavedViewDefinitionSchema,
  owner: Type.Object({ id: Type.Integer(), name: Type.String() }),
  sharedWith: SharedWithSchema,
  sharedUnit: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  version: Type.Integer(),
  canEdit: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export const SavedViewListSchema = Type.Object({ items: Type.Array(SavedViewSchema) });

// ---- bulk coding ----

/** At most this many cases change in one bulk coding. */
export const MAX_BULK_CODING = 1000;

/** A list filter without paging or order: the same words as GET /api/v1/cases. */
export const BulkQuerySchema = Type.Omit(ListCasesQuery, ['cursor', 'limit', 'sort', 'direction']);

export const BulkCodingBody = Type.Object(
  {
    selection: Type.Object(
      {
        trackingNumbers: Type.Optional(
          Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { minItems: 1, maxItems: MAX_BULK_CODING }),
        ),
        query: Type.Optional(BulkQuerySchema),
      },
      {
        additionalProperties: false,
        description: 'The chosen cases (trackingNumbers), or every case matching a list filter (query).',
      },
    ),
    changes: Type.Object(
      {
        subject: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        priority: Type.Optional(PrioritySchema),
        addTags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 })),
        removeTags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 })),
        unit: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const ChangeCountSchema = Type.Object({
  field: stringEnum(['subject', 'priority', 'addTag', 'removeTag', 'unit'] as const),
  value: Type.String(),
  count: Type.Integer(),
});
const SkipCountSchema = Type.Object({
  reason: Type.String(),
  message: Type.String(),
  count: Type.Integer(),
  trackingNumbers: Type.Array(Type.String()),
});

export const BulkCodingPreviewSchema = Type.Object({
  matched: Type.Integer(),
  willChange: Type.Integer(),
  changes: Type.Array(ChangeCountSchema),
  skipped: Type.Array(SkipCountSchema),
});

export const BulkCodingResultSchema = Type.Object({
  id: Type.Integer(),
  matched: Type.Integer(),
  changed: Type.Integer(),
  changes: Type.Array(ChangeCountSchema),
  skipped: Type.Array(SkipCountSchema),
  undoUntil: Type.String({ description: 'Until when POST /cases/bulk-coding/{id}/undo restores the cases.' }),
});

export const BulkCodingUndoSchema = Type.Object({
  id: Type.Integer(),
  restored: Type.Integer(),
  skipped: Type.Array(Type.Object({ trackingNumber: Type.String(), reason: Type.String() })),
});

export type SavedView = Static<typeof SavedViewSchema>;
export type SavedViewDefinition = Static<typeof SavedViewDefinitionSchema>;
export type BulkCodingPreview = Static<typeof BulkCodingPreviewSchema>;
export type BulkCodingResult = Static<typeof BulkCodingResultSchema>;
export type BulkCodingUndo = Static<typeof BulkCodingUndoSchema>;
export type BulkCodingRequest = Static<typeof BulkCodingBody>;
