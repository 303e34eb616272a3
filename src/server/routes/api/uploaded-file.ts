// Reads the one file of a multipart/form-data upload (field "file") and its short text fields, refusing a file over
// the attachment limit; shared by every route that takes a file into the attachment storage.
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../../errors.ts';

export interface UploadedFile {
  file: { filename: string; data: Buffer };
  fields: Record<string, string>;
}

/** The uploaded file and fields; 415 when the body is not multipart, 400 without a file, 413 when too large. */
export async function readUploadedFile(req: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  if (!req.isMultipart())
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file".');
  let file: { filename: string; data: Buffer } | null = null;
  const fields: Record<string, string> = {};
  for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') throw invalid(part.fieldname, 'unexpected file field; use "file"');
      const data = await part.toBuffer();
      if (part.file.truncated) {
        throw new AppError('payload_too_large', 'The file is too large.', [
          { field: 'file', message: `exceeds ${maxBytes} bytes` },
        ]);
      }
      file = { filename: part.filename, data };
    } else {
      fields[part.fieldname] = String(part.value).slice(0, 5000);
    }
  }
  if (!file) throw invalid('file', 'is required');
  return { file, fields };
}
