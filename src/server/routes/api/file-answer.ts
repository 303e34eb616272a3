// How the staff API sends a file (a report, an export, a letter, a case attachment): its content type and a
// Content-Disposition whose file name is always safe in a header. A plain ASCII name is sent quoted as it is; any
// other name also goes as RFC 6266 `filename*` (UTF-8, percent-encoded) after an ASCII stand-in for old clients.
// The download audit (audit-downloads.ts) reads the quoted name back.
import type { FastifyReply } from 'fastify';

export interface FileAnswer {
  body: Buffer | string;
  contentType: string;
  fileName: string;
  /** attachment (the default) is saved by the browser; inline is shown in it (letters and notices as PDF). */
  disposition?: 'attachment' | 'inline';
}

/** Characters RFC 5987 lets stand as they are in an extended value; every other byte is percent-encoded. */
const encodeExtended = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The Content-Disposition value for a file called `fileName`. */
export function contentDisposition(fileName: string, disposition: FileAnswer['disposition'] = 'attachment'): string {
  // Accents dropped, then whatever is not printable ASCII, a quote, a backslash or a percent sign becomes "_".
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const quoted = `${disposition}; filename="${ascii}"`;
  return ascii === fileName ? quoted : `${quoted}; filename*=UTF-8''${encodeExtended(fileName)}`;
}

/** Sends `body` as a file named `fileName`. */
export function sendFile(reply: FastifyReply, file: FileAnswer): FastifyReply {
  return reply
    .type(file.contentType)
    .header('content-disposition', contentDisposition(file.fileName, file.disposition))
    .send(file.body);
}

/**
 * Sends a file someone uploaded (a case attachment, a material, a procedure or evidence file) as a download: with
 * nosniff, so a browser never runs it as another type than the one it was stored with.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { data: Buffer; contentType: string; filename: string },
): FastifyReply {
  return sendFile(reply.header('x-content-type-options', 'nosniff'), {
    body: file.data,
    contentType: file.contentType,
    fileName: file.filename,
  });
}
