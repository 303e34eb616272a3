// Which uploaded files civicdesk accepts, recognised by their first bytes rather than by the name or the
// browser's claimed type, so a renamed executable is refused.

export interface DetectedType {
  contentType: string;
  extension: string;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((b, i) => bytes[offset + i] === b);

/** The accepted type of a file from its first bytes, or null when it is not one civicdesk accepts. */
export function detectFileType(head: Uint8Array): DetectedType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { contentType: 'application/pdf', extension: 'pdf' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { contentType: 'image/png', extension: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return { contentType: 'image/gif', extension: 'gif' };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { contentType: 'image/tiff', extension: 'tif' };
  }
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { contentType: 'image/webp', extension: 'webp' };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // Office Open XML documents are zip files; the name decides which, the bytes only that it is a zip.
    return { contentType: 'application/zip', extension: 'zip' };
  }
  if (looksLikeText(head)) return { contentType: 'text/plain; charset=utf-8', extension: 'txt' };
  return null;
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  // Control characters other than tab, line feed, form feed and carriage return mark a binary file.
  if (head.some((b) => (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 0x7f)) return false;
  try {
    // stream: true tolerates a character cut in half at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const officeTypes: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The content type to store: a zip named .docx/.xlsx/.pptx is that Office document; otherwise the detected type. */
export function storedContentType(detected: DetectedType, filename: string): string | null {
  if (detected.extension !== 'zip') return detected.contentType;
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  return officeTypes[extension] ?? null;
}
