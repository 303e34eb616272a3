// File names as people upload or email them, made safe to store and show: the file's own name (no folders), without
// control characters, without the invisible direction and formatting marks that make "invoice‮fdp.exe" read as
// "invoiceexe.pdf", without quotes, slashes or colons, not hidden (no leading dot), at most 200 characters.

// C0 and C1 controls, DEL, Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Bidirectional overrides, embeddings, isolates and marks; zero-width characters; the byte-order mark.
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** A safe display and download name for an uploaded file; `fallback` when nothing of the name is left. */
export function cleanFileName(name: string, fallback = 'attachment'): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(INVISIBLE, '')
    .replace(CONTROL, '_')
    .replace(/["\\/:]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  return [...cleaned].slice(0, 200).join('') || fallback;
}
