// Every download from the staff API (an answer sent as an attachment: exports, report files, letters, case
// attachments, the audit log itself) is audited as export.downloaded — who, which path and format, when, from which
// address — before the file leaves, so no export goes unrecorded.
import type { FastifyInstance } from 'fastify';
import { recordSensitiveRead } from '../../commands/audit/sensitive-reads.ts';
import { caseIdByTrackingNumber } from '../../repositories/cases.ts';

/** Adds the hook that audits downloads to the API's routes. */
export function auditDownloads(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const ctx = req.commandContext;
    const disposition = String(reply.getHeader('content-disposition') ?? '');
    // A file: an attachment, or a document shown inline under a file name (letters as PDF).
    const isFile = /^\s*attachment/i.test(disposition) || /^\s*inline\s*;\s*filename/i.test(disposition);
    if (!ctx || reply.statusCode !== 200 || !isFile) return payload;
    // The path names what was exported (tracking numbers, ids); the query string may carry search words: left out.
    const path = req.url.split('?')[0]!;
    const format = new URLSearchParams(req.url.split('?')[1] ?? '').get('format');
    const file = /filename="([^"]{0,200})"/.exec(disposition)?.[1] ?? null;
    const caseNumber = (req.params as { trackingNumber?: unknown } | undefined)?.trackingNumber;
    // A download from a case is the case's event: the audit log shows it only to those who may see the case.
    const caseId =
      typeof caseNumber === 'string' ? await caseIdByTrackingNumber(ctx.db, ctx.agency.id, caseNumber) : null;
    await recordSensitiveRead(ctx, {
      action: 'export.downloaded',
      entityType: 'download',
      entityId: path.slice(0, 300),
      caseId,
      what:
        [typeof caseNumber === 'string' ? `case ${caseNumber}` : null, file, format ? `format ${format}` : null]
          .filter(Boolean)
          .join(', ') || null,
      ipAddress: req.ip,
    });
    return payload;
  });
}
