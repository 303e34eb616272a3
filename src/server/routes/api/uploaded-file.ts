// Reads the one file of a multipart/form-data upload (field "file") and its short text fields, refusing a file over
// the attachment limit; shared by every route that takes a file into the attachment storage.
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../../errors.ts';

export interface UploadedFile {
  file: { filename: string; data: Buffer };
  fields: Record<string, string>;
}

/** 413 naming the file and the limit in megabytes. */
function tooLarge(filename: string, maxBytes: number): AppError {
  const limit =
    maxBytes >= 1024 * 1024
      ? `${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB`
      : `${Math.ceil(maxBytes / 1024)} KB`;
  return new AppError('payload_too_large', `“${filename}” is larger than the ${limit} a file may be.`, [
    { field: 'file', message: `exceeds ${maxBytes} bytes` },
  ]);
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
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (error) {
        // The multipart reader stops at the limit with its own error; say which file and what the limit is.
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(part.filename, maxBytes);
        throw error;
      }
      if (part.file.truncated) throw tooLarge(part.filename, maxBytes);
      file = { filename: part.filename, data };
    } else {
      fields[part.fieldname] = String(part.value).slice(0, 5000);
    }
  }
  if (!file) throw invalid('file', 'is required');
  return { file, fields };
}
