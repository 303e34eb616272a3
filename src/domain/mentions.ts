// @mentions in internal notes: "@maria", "@maria.lopez" or "@MariaLopez" names a colleague by the part of their
// email before the @, or by their name written without spaces (dots, hyphens and underscores ignored; accents and
// case do not matter). An email address in the text ("write to ana@example.org") is not a mention.

/** The handles mentioned in a text, lower-cased, each once, in order. */
export function mentionedHandles(text: string): string[] {
  const handles: string[] = [];
  for (const match of text.matchAll(/(^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N}._-]*[\p{L}\p{N}]|[\p{L}\p{N}])/gu)) {
    const handle = comparable(match[2]!);
    if (handle && !handles.includes(handle)) handles.push(handle);
  }
  return handles;
}

/** A handle or name in the form handles are compared in: lower case, no accents, no separators. */
function comparable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s._-]+/g, '');
}

/** Whether a handle names this user: their email's local part, or their full name without spaces. */
export function mentionMatches(handle: string, user: { name: string; email: string }): boolean {
  const wanted = comparable(handle);
  if (!wanted) return false;
  const localPart = user.email.split('@')[0] ?? '';
  return comparable(localPart) === wanted || comparable(user.name) === wanted;
}
