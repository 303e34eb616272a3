// Text fit for one line of a mail header (a subject): line breaks and other control characters become one space,
// so a name or title cannot start a header of its own.

/** `text` on one line: runs of control characters (line breaks included) become a single space; trimmed. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\r\n\u0000-\u001f\u007f]+/g, ' ').trim();
}
