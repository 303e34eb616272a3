// The letters API's contract: letterhead, print batches, the mailing log and inbound letters logged from a scan.
import { Type, type Static } from '@sinclair/typebox';
import { PersonInputSchema, PrioritySchema, WriterTypeSchema } from './cases.ts';
import { Nullable } from './schema-helpers.ts';

export const LETTERHEAD_LIMITS = { name: 200, line: 200, lines: 5, phone: 50, web: 200, logoBytes: 512 * 1024 };

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const DateText = Type.String({ maxLength: 10 });

export const LetterPdfParams = Type.Object({
  trackingNumber: Type.String({ minLength: 1, maxLength: 60 }),
  entryId: Id,
});
export const BatchParams = Type.Object({ id: Id });
export const MailedBody = Type.Object({ mailedOn: DateText }, { additionalProperties: false });
export const MailingLogQuery = Type.Object({ from: Type.Optional(DateText), to: Type.Optional(DateText) });

export const LetterheadBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LETTERHEAD_LIMITS.name }),
    addressLines: Type.Array(Type.String({ maxLength: LETTERHEAD_LIMITS.line }), { maxItems: 10 }),
    phone: Type.Optional(Type.String({ maxLength: LETTERHEAD_LIMITS.phone })),
    web: Type.Optional(Type.String({ maxLength: LETTERHEAD_LIMITS.web })),
    logo: Type.Optional(Type.Union([Type.String({ maxLength: 800_000 }), Type.Null()])),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/** The case fields an inbound letter's form carries (a flat form: person fields at the top level). */
export const InboundLetterFields = Type.Object(
  {
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    receivedAt: Type.String({ minLength: 1, maxLength: 40 }),
    description: Type.String({ minLength: 1, maxLength: 100_000 }),
    subject: Type.Optional(Type.String({ maxLength: 100 })),
    title: Type.Optional(Type.String({ maxLength: 1000 })),
    language: Type.Optional(Type.String({ maxLength: 10 })),
    priority: Type.Optional(PrioritySchema),
    writerType: Type.Optional(WriterTypeSchema),
    facility: Type.Optional(Type.String({ maxLength: 300 })),
    externalId: Type.Optional(Type.String({ maxLength: 200 })),
    person: PersonInputSchema,
  },
  { additionalProperties: false },
);

// ---- responses ----

export const LetterheadSchema = Type.Object({
  name: Type.String(),
  addressLines: Type.Array(Type.String()),
  phone: Type.String(),
  web: Type.String(),
  logo: Nullable(Type.String({ description: 'data: URL of the PNG/JPEG logo' })),
  version: Type.Integer(),
});

export const PrintBatchSchema = Type.Object({
  id: Type.Integer(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.Object({ id: Type.Integer(), name: Nullable(Type.String()) })),
  letterCount: Type.Integer(),
  sizeBytes: Type.Integer(),
  mailedOn: Nullable(Type.String()),
  mailedAt: Nullable(Type.String()),
});

export const PrintBatchCreatedSchema = Type.Object({
  batch: PrintBatchSchema,
  skipped: Type.Array(Type.Object({ trackingNumber: Type.String(), entryId: Type.Integer(), reason: Type.String() })),
});

export const PrintBatchListSchema = Type.Array(PrintBatchSchema);

export const WaitingLetterSchema = Type.Object({
  trackingNumber: Type.String(),
  entryId: Type.Integer(),
  recipient: Type.String(),
  language: Type.String(),
  subject: Type.String(),
  createdAt: Type.String(),
  /** Null when the letter can be printed; otherwise why it cannot, in words. */
  problem: Nullable(Type.String()),
});
export const WaitingLettersSchema = Type.Object({
  items: Type.Array(WaitingLetterSchema),
  /** True when more letters wait than one batch holds (the rest go in the next batch). */
  more: Type.Boolean(),
});

export const MailingLogRowSchema = Type.Object({
  mailedOn: Type.String(),
  trackingNumber: Type.String(),
  entryId: Type.Integer(),
  batchId: Nullable(Type.Integer()),
  recipient: Type.String(),
  language: Type.String(),
  subject: Type.String(),
  recordedBy: Nullable(Type.String()),
});
export const MailingLogSchema = Type.Array(MailingLogRowSchema);

export type Letterhead = Static<typeof LetterheadSchema>;
export type PrintBatch = Static<typeof PrintBatchSchema>;
export type MailingLogRow = Static<typeof MailingLogRowSchema>;
export type WaitingLetters = Static<typeof WaitingLettersSchema>;
