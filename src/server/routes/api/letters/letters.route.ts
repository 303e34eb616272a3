// Letters: the PDF of an outbound letter, the agency letterhead, daily print batches (one PDF with window-envelope
// address pages) and their mailing, the mailing log (JSON or CSV), and logging an inbound letter with its scan.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { requireContext } from '../../../auth/authenticate.ts';
import { AppError, invalid, type ErrorDetail } from '../../../errors.ts';
import { renderCaseLetter } from '../../../commands/letters/letter-render.ts';
import { getLetterhead, updateLetterhead } from '../../../commands/letters/letter-letterhead.ts';
import {
  createPrintBatch,
  listPrintBatches,
  listWaitingLetters,
  markBatchMailed,
  readPrintBatchPdf,
} from '../../../commands/letters/letter-print-batch.ts';
import { mailingLogCsv, readMailingLog } from '../../../commands/letters/letter-mailing-log.ts';
import { logInboundLetter, type InboundLetterInput } from '../../../commands/letters/letter-inbound.ts';
import { closeRenderer } from '../../../channels/letters/pdf-renderer.ts';
import type { LetterheadRecord } from '../../../repositories/letters.ts';
import { getCaseView } from '../../../queries/case-list-queries.ts';
import { presentCase } from '../cases/case-presenter.ts';
import { CaseSchema, PersonInputSchema } from '../../../../shared/cases.ts';
import {
  BatchParams,
  InboundLetterFields,
  LetterheadBody,
  LetterheadSchema,
  LetterPdfParams,
  MailedBody,
  MailingLogQuery,
  MailingLogSchema,
  PrintBatchCreatedSchema,
  PrintBatchListSchema,
  PrintBatchSchema,
  WaitingLettersSchema,
} from '../../../../shared/letters.ts';
import { Download } from '../../../../shared/schema-helpers.ts';
import { sendFile } from '../file-answer.ts';
import type { RouteDependencies } from '../route-dependencies.ts';

function sendPdf(reply: FastifyReply, file: { filename: string; pdf: Buffer }) {
  return sendFile(reply.header('cache-control', 'private, no-store'), {
    body: file.pdf,
    contentType: 'application/pdf',
    fileName: file.filename,
    disposition: 'inline',
  });
}

const presentLetterhead = (l: LetterheadRecord) => ({
  name: l.name,
  addressLines: l.addressLines,
  phone: l.phone,
  web: l.web,
  logo: l.logoDataUrl,
  version: l.version,
});

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
  const problems: ErrorDetail[] = [...Value.Errors(InboundLetterFields, candidate)].slice(0, 20).map((e) => ({
    field: e.path.replace(/^\//, '').replace(/\//g, '.') || 'body',
    message: e.message,
  }));
  if (problems.length) {
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  if (!scan) throw invalid('file', 'is required: the scan of the letter (PDF or image)');
  // The schema's unions are the case schemas' literal unions, so the checked fields are a case intake.
  return { fields: candidate as Static<typeof InboundLetterFields> as Omit<InboundLetterInput, 'scan'>, scan };
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
        params: LetterPdfParams,
        response: { 200: Download('The letter as a PDF.') },
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
    {
      schema: {
        tags: ['letters'],
        summary: 'The agency letterhead printed on letters.',
        response: { 200: LetterheadSchema },
      },
    },
    async (req) => presentLetterhead(await getLetterhead(requireContext(req))),
  );

  api.put(
    '/letters/letterhead',
    {
      schema: {
        tags: ['letters'],
        summary: 'Set the letterhead: name, address lines, phone, web, optional PNG/JPEG logo (administrators).',
        body: LetterheadBody,
        response: { 200: LetterheadSchema },
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
        response: { 201: PrintBatchCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createPrintBatch(requireContext(req), deps.config)),
  );

  api.get(
    '/letters/waiting',
    {
      schema: {
        tags: ['letters'],
        summary: 'Letters waiting to be printed, oldest first, each with why it cannot be printed if so.',
        response: { 200: WaitingLettersSchema },
      },
    },
    async (req) => listWaitingLetters(requireContext(req)),
  );

  api.get(
    '/letters/print-batches',
    {
      schema: { tags: ['letters'], summary: 'Print batches, newest first.', response: { 200: PrintBatchListSchema } },
    },
    async (req) => listPrintBatches(requireContext(req)),
  );

  api.get(
    '/letters/print-batches/:id.pdf',
    {
      schema: {
        tags: ['letters'],
        summary: 'The PDF of a print batch, as printed.',
        params: BatchParams,
        response: { 200: Download('The print batch as a PDF.') },
      },
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
        params: BatchParams,
        body: MailedBody,
        response: { 200: PrintBatchSchema },
      },
    },
    async (req) => markBatchMailed(requireContext(req), req.params.id, req.body.mailedOn),
  );

  api.get(
    '/letters/mailing-log',
    {
      schema: {
        tags: ['letters'],
        summary: 'Mailed letters with their mailing date (from/to: YYYY-MM-DD, inclusive).',
        querystring: MailingLogQuery,
        response: { 200: MailingLogSchema },
      },
    },
    async (req) => readMailingLog(requireContext(req), req.query),
  );

  api.get(
    '/letters/mailing-log.csv',
    {
      schema: {
        tags: ['letters'],
        summary: 'The mailing log as CSV.',
        querystring: MailingLogQuery,
        response: {
          200: { content: { 'text/csv': { schema: Type.String({ description: 'The mailing log as CSV.' }) } } },
        },
      },
    },
    async (req, reply) =>
      sendFile(reply, {
        body: mailingLogCsv(await readMailingLog(requireContext(req), req.query)),
        contentType: 'text/csv; charset=utf-8',
        fileName: 'mailing-log.csv',
      }),
  );

  api.post(
    '/letters/inbound',
    {
      schema: {
        tags: ['letters'],
        summary:
          'Log a letter received by post (multipart: case fields incl. receivedAt and person fields, scan in "file"); all or nothing.',
        response: { 201: CaseSchema },
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
