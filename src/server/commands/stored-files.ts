// The attachment storage: a file is checked by size and by its first bytes (domain/file-types.ts), its name cleaned,
// and written under the data directory readable by the server's user only. Case attachments and material files both
// keep their files here; the caller records the storage key in its own transaction and removes the file if it fails.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { cleanFileName } from '../../domain/file-names.ts';
import { detectFileType, storedContentType } from '../../domain/file-types.ts';
import { AppError, invalid } from '../errors.ts';

export interface StoredFile {
  filename: string;
  contentType: string;
  sizeBytes: number;
  storageKey: string;
}

const fullPathOf = (dataDir: string, storageKey: string) => path.join(dataDir, 'attachments', storageKey);

/** Checks a file (not empty, within `maxBytes`, a type civicdesk accepts) and stores it; throws 400/413/415. */
export async function storeCheckedFile(
  dataDir: string,
  maxBytes: number,
  agencyId: number,
  file: { filename: string; data: Buffer },
): Promise<StoredFile> {
  if (file.data.length === 0) throw invalid('file', 'is empty');
  if (file.data.length > maxBytes) {
    throw new AppError('payload_too_large', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`, [
      { field: 'file', message: `exceeds ${maxBytes} bytes` },
    ]);
  }
  const filename = cleanFileName(file.filename);
  const detected = detectFileType(file.data.subarray(0, 4096));
  const contentType = detected ? storedContentType(detected, filename) : null;
  if (!contentType) {
    throw new AppError(
      'unsupported_media_type',
      `"${filename}" is not a file type civicdesk accepts (PDF, images, text, Office documents).`,
      [{ field: 'file', message: 'type not accepted' }],
    );
  }
  const storageKey = path.join(String(agencyId), new Date().toISOString().slice(0, 7), randomUUID());
  const fullPath = fullPathOf(dataDir, storageKey);
  // Readable by the server's own user only.
  await mkdir(path.dirname(fullPath), { recursive: true, mode: 0o700 });
  await writeFile(fullPath, file.data, { mode: 0o600 });
  return { filename, contentType, sizeBytes: file.data.length, storageKey };
}

/** Removes a stored file (its record was not written). */
export async function removeStoredFile(dataDir: string, storageKey: string): Promise<void> {
  await rm(fullPathOf(dataDir, storageKey), { force: true });
}

/** Reads a stored file back. */
export async function readStoredFile(dataDir: string, storageKey: string): Promise<Buffer> {
  return readFile(fullPathOf(dataDir, storageKey));
}
