// Letters: the PDF of an outbound letter, the agency letterhead, daily print batches (one PDF with window-envelope
// address pages) and their mailing, the mailing log (JSON or CSV), and logging an inbound letter with its scan.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { requireContext } from '../../../auth/authenticate.ts';
import { AppError, invalid, type ErrorDetail } from '../../../errors.ts';
import { renderCaseLetter } from '../../../commands/letter-render.ts';
import { getLetterhead, updateLetterhead, LETTERHEAD_LIMITS } from '../../../commands/letter-letterhead.ts';
import {
  createPrintBatch,
  listPrintBatches,
  markBatchMailed,
  readPrintBatchPdf,
} from '../../../commands/letter-print-batch.ts';
import { mailingLogCsv, readMailingLog } from '../../../commands/letter-mailing-log.ts';
import { logInboundLetter, type InboundLetterInput } from '../../../commands/letter-inbound.ts';
import { closeRenderer } from '../../../channels/letters/pdf-renderer.ts';
import type { LetterheadRecord } from '../../../repositories/letters.ts';
import { getCaseView } from '../../../queries/case-list.ts';
import { presentCase } from '../cases/case-presenter.ts';
import { PersonInputSchema, PrioritySchema, WriterTypeSchema } from '../cases/case-schemas.ts';
import type { RouteDependencies } from '../index.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const DateText = Type.String({ maxLength: 10 });

function sendPdf(reply: FastifyReply, file: { filename: string; pdf: Buffer }) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'private, no-store')
    .send(file.pdf);
}

const presentLetterhead = (l: LetterheadRecord) => ({
  name: l.name,
  addressLines: l.addressLines,
  phone: l.phone,
  web: l.web,
  logo: l.logoDataUrl,
  version: l.version,
});

/** The case fields an inbound letter's form carries (a flat form: person fields at the top level). */
const InboundFields = Type.Object(
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
const PERSON_FIELDS = new Set(Object.keys(PersonInputSchema.properties));
const FIELD_BYTES = 200_000;

async function readInboundForm(req: FastifyRequest, maxFileBytes: number) {
  if (!req.isMultipart()) {
    throw new AppError(
      'unsupported_media_type',
      'Send the letter as multipart/form-data: the case fields as form fields and the scan in a field named "file".',
    );
  }
  const fields: Record<string, unknown> = {};
  const person: Record<string, string> = {};
  let scan: { filename: string; data: Buffer } | null = null;
  const tooLarge = (field: string, limit: number) =>
    new AppError('payload_too_large', `${field} is too large.`, [{ field, message: `exceeds ${limit} bytes` }]);
  for await (const part of req.parts({
    limits: { fileSize: maxFileBytes, files: 1, fields: 40, fieldSize: FIELD_BYTES },
  })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') throw invalid(part.fieldname, 'unexpected file field; send the scan as "file"');
      const data = await part.toBuffer();
      if (part.file.truncated) throw tooLarge('file', maxFileBytes);
      scan = { filename: part.filename, data };
      continue;
    }
    if (part.valueTruncated) throw tooLarge(part.fieldname, FIELD_BYTES);
    const name = part.fieldname.startsWith('person.') ? part.fieldname.slice(7) : part.fieldname;
    const value = String(part.value);
    if (value === '') continue;
    if (PERSON_FIELDS.has(name)) person[name] = value;
    else fields[name] = value;
  }
  const candidate = { ...fields, person: { firstName: '', lastName: '', ...person } };
  const problems: ErrorDetail[] = [...Value.Errors(InboundFields, candidate)].slice(0, 20).map((e) => ({
    field: e.path.replace(/^\//, '').replace(/\//g, '.') || 'body',
    message: e.message,
  }));
  if (problems.length) {
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  if (!scan) throw invalid('file', 'is required: the scan of the letter (PDF or image)');
  // The schema's unions are the case schemas' literal unions, so the checked fields are a case intake.
  return { fields: candidate as Static<typeof InboundFields> as Omit<InboundLetterInput, 'scan'>, scan };
}

export function letterRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onClose', async () => closeRenderer());

  api.get(
    '/cases/:trackingNumber/letters/:entryId.pdf',
    {
      schema: {
        tags: ['letters'],
        summary: 'The PDF of an outbound letter of the case, on the agency letterhead, as the recipient receives it.',
        params: Type.Object({ trackingNumber: Type.String({ minLength: 1, maxLength: 60 }), entryId: Id }),
      },
    },
    async (req, reply) =>
      sendPdf(
        reply,
        await renderCaseLetter(
          requireContext(req),
          deps.config.chromiumPath,
          req.params.trackingNumber,
          req.params.entryId,
        ),
      ),
  );

  api.get(
    '/letters/letterhead',
    { schema: { tags: ['letters'], summary: 'The agency letterhead printed on letters.' } },
    async (req) => presentLetterhead(await getLetterhead(requireContext(req))),
  );

  api.put(
    '/letters/letterhead',
    {
      schema: {
        tags: ['letters'],
        summary: 'Set the letterhead: name, address lines, phone, web, optional PNG/JPEG logo (administrators).',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: LETTERHEAD_LIMITS.name }),
            addressLines: Type.Array(Type.String({ maxLength: LETTERHEAD_LIMITS.line }), { maxItems: 10 }),
            phone: Type.Optional(Type.String({ maxLength: LETTERHEAD_LIMITS.phone })),
            web: Type.Optional(Type.String({ maxLength: LETTERHEAD_LIMITS.web })),
            logo: Type.Optional(Type.Union([Type.String({ maxLength: 800_000 }), Type.Null()])),
            expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => presentLetterhead(await updateLetterhead(requireContext(req), req.body)),
  );

  api.post(
    '/letters/print-batches',
    {
      schema: {
        tags: ['letters'],
        summary:
          'Print every letter waiting to be printed: one PDF, an address page for a #10 window envelope before each letter.',
      },
    },
    async (req, reply) => reply.status(201).send(await createPrintBatch(requireContext(req), deps.config)),
  );

  api.get(
    '/letters/print-batches',
    { schema: { tags: ['letters'], summary: 'Print batches, newest first.' } },
    async (req) => listPrintBatches(requireContext(req)),
  );

  api.get(
    '/letters/print-batches/:id.pdf',
    {
      schema: { tags: ['letters'], summary: 'The PDF of a print batch, as printed.', params: Type.Object({ id: Id }) },
    },
    async (req, reply) =>
      sendPdf(reply, await readPrintBatchPdf(requireContext(req), deps.config.dataDir, req.params.id)),
  );

  api.post(
    '/letters/print-batches/:id/mailed',
    {
      schema: {
        tags: ['letters'],
        summary: 'Record that every letter of the batch was mailed on a date; writes the mailing log.',
        params: Type.Object({ id: Id }),
        body: Type.Object({ mailedOn: DateText }, { additionalProperties: false }),
      },
    },
    async (req) => markBatchMailed(requireContext(req), req.params.id, req.body.mailedOn),
  );

  const LogQuery = Type.Object({ from: Type.Optional(DateText), to: Type.Optional(DateText) });
  api.get(
    '/letters/mailing-log',
    {
      schema: {
        tags: ['letters'],
        summary: 'Mailed letters with their mailing date (from/to: YYYY-MM-DD, inclusive).',
        querystring: LogQuery,
      },
    },
    async (req) => readMailingLog(requireContext(req), req.query),
  );

  api.get(
    '/letters/mailing-log.csv',
    { schema: { tags: ['letters'], summary: 'The mailing log as CSV.', querystring: LogQuery } },
    async (req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="mailing-log.csv"')
        .send(mailingLogCsv(await readMailingLog(requireContext(req), req.query))),
  );

  api.post(
    '/letters/inbound',
    {
      schema: {
        tags: ['letters'],
        summary:
          'Log a letter received by post (multipart: case fields incl. receivedAt and person fields, scan in "file"); all or nothing.',
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const { fields, scan } = await readInboundForm(req, deps.config.maxAttachmentBytes);
      const row = await logInboundLetter(ctx, deps.config.dataDir, deps.config.maxAttachmentBytes, {
        ...fields,
        scan,
      });
      return reply.status(201).send(presentCase(await getCaseView(ctx, row.tracking_number)));
    },
  );
}
