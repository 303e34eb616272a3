// Normal forms of contact details and names, so the same email, phone, address or name written differently is
// found again (duplicate suggestions, joining a reply to its person). Every function here is idempotent:
// normalising a normal form gives it back unchanged, so stored values can be normalised again safely.

/** Trimmed, lower-cased email in Unicode NFC; a "mailto:" prefix or a "Name <address>" wrapper is removed. */
export function normalizeEmail(email: string): string {
  let value = email.normalize('NFC').trim();
  // "Maria Lopez <maria@example.org>" as pasted from a mail client: keep what is between the brackets.
  const bracketed = /<([^<>]*)>\s*$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  value = value.trim().replace(/^(?:mailto:\s*)+/i, '');
  return value.trim().toLowerCase().normalize('NFC');
}

/**
 * Digits only, without an extension or an international dialling prefix: "+1 (212) 555-0100 ext. 4",
 * "212.555.0100" and "001 212 555 0100" all become 2125550100; "+44 20 7946 0958" and "011 44 20 7946 0958"
 * both become 442079460958. A leading US/Canada country code 1 on an 11-digit number is dropped.
 */
export function normalizePhone(phone: string): string {
  const withoutExtension = phone.replace(/\s*(?:ext\.?|extension|x|#)\s*\d{1,6}\s*$/i, (match, offset: number) =>
    // Only an extension when a full number precedes it: "x123" alone is not a phone number with an extension.
    phone.slice(0, offset).replace(/\D/g, '').length >= 7 ? '' : match,
  );
  let digits = withoutExtension.replace(/\D/g, '');
  // Each step only shortens the number, so repeating until nothing changes ends, and makes the result a fixed
  // point (odd inputs such as "1 00 …" would otherwise normalise differently a second time).
  for (let previous = ''; previous !== digits;) {
    previous = digits;
    digits = withoutDiallingPrefix(digits);
  }
  return digits;
}

function withoutDiallingPrefix(digits: string): string {
  // International dialling prefixes: 00 (most of the world) and 011 (from the US) before a country code.
  // Country codes never start with 0, so every leading zero after "00" belongs to the prefix.
  if (/^00+[1-9]/.test(digits)) return digits.replace(/^0+/, '');
  if (digits.startsWith('011') && digits.length >= 11) return digits.slice(3);
  if (digits.length === 11 && digits.startsWith('1')) return digits.slice(1);
  return digits;
}

// Street words and their USPS abbreviations, so "West 4th Street" and "W 4th St." are one address.
const addressWords: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  boulevard: 'blvd',
  place: 'pl',
  drive: 'dr',
  lane: 'ln',
  court: 'ct',
  parkway: 'pkwy',
  highway: 'hwy',
  square: 'sq',
  terrace: 'ter',
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  floor: 'fl',
};

// Unit designators are dropped so "Apt 4B", "Apartment 4B", "Unit 4B" and "#4B" compare equal.
const unitDesignators = new Set(['apt', 'apartment', 'unit', 'suite', 'ste']);

/** Folds case and accents: compatibility decomposition, combining marks removed, lower case. */
function foldText(text: string): string {
  // Lower-casing can introduce a combining mark (İ → i + U+0307) and decomposition can introduce capitals
  // (㎐ → Hz), so decompose, strip, lower, and decompose and strip once more.
  const strip = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '');
  return strip(strip(text).toLowerCase());
}

/** Lower case, accents and punctuation dropped, street words abbreviated, unit designators dropped, spaces folded. */
export function normalizeAddress(address: string): string {
  return foldText(address)
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/(?<!\p{N})-|-(?!\p{N})/gu, ' ')
    .split(/\s+/)
    .filter((word) => word && !unitDesignators.has(word))
    .map((word) => addressWords[word] ?? word)
    .join(' ');
}

/** Lower-cased name with accents and punctuation removed ("O'Brien" = "OBrien", "Mary-Jane" = "Mary Jane"). */
export function normalizeName(name: string): string {
  return foldText(name)
    .replace(/['’`´.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
