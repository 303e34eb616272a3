// From stored letters to printable ones: the agency letterhead (or its name alone until an administrator sets
// one), the recipient's mailing address split into envelope lines, and the date written in the letter's language
// in the agency's time zone. The letter's text itself was merged from its approved template when it was sent.
import type { Db } from '../../db/database.ts';
import type { CommandContext } from '../../context.ts';
import { findLetterhead, mailingAddresses, type LetterRow } from '../../repositories/letters.ts';
import { translator } from '../../i18n/messages.ts';
import { isLanguageCode, LANGUAGES } from '../../../shared/languages.ts';
import type { LetterDocument, Letterhead } from './letter-html.ts';

const MAX_ADDRESS_LINES = 4;

/** An address as envelope lines: its own line breaks, or "street, city, ST zip" split before the city. */
export function addressLines(address: string): string[] {
  const given = address
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (given.length > 1) return given.slice(0, MAX_ADDRESS_LINES);
  const parts = (given[0] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 3) return parts.length ? [parts.join(', ')] : [];
  // US style: the last two parts are "City" and "ST 12345".
  return [parts.slice(0, -2).join(', '), parts.slice(-2).join(', ')];
}

const HAN_OR_HANGUL = /[\p{Script=Han}\p{Script=Hangul}]/u;

/** The recipient's name as written in their script: family name first and unspaced in Chinese and Korean. */
export function recipientName(firstName: string, lastName: string): string {
  const [first, last] = [firstName.trim(), lastName.trim()];
  if (HAN_OR_HANGUL.test(first + last)) return `${last}${first}`;
  return `${first} ${last}`.trim();
}

/** The agency's letterhead; its name alone when none is configured. */
export async function letterheadFor(db: Db, ctx: CommandContext): Promise<Letterhead> {
  const stored = await findLetterhead(db, ctx.agency.id);
  if (stored) return stored;
  return { name: ctx.agency.name, addressLines: [], phone: '', web: '', logoDataUrl: null };
}

/** Printable letters for these rows, with each recipient's first mailing address (or none). */
export async function letterDocuments(
  db: Db,
  ctx: CommandContext,
  rows: LetterRow[],
): Promise<{ document: LetterDocument; hasAddress: boolean }[]> {
  const letterhead = await letterheadFor(db, ctx);
  const addresses = await mailingAddresses(
    db,
    ctx.agency.id,
    rows.flatMap((r) => (r.personId ? [r.personId] : [])),
  );
  return rows.map((row) => {
    const language = isLanguageCode(row.language) ? row.language : 'en';
    const t = translator(language);
    const address = row.personId ? addresses.get(row.personId)?.[0] : undefined;
    const lines = address ? addressLines(address) : [];
    const document: LetterDocument = {
      trackingNumber: row.trackingNumber,
      language,
      dir: LANGUAGES.find((l) => l.code === language)?.rtl ? 'rtl' : 'ltr',
      date: t.date(row.createdAt, ctx.agency.timeZone),
      referenceLabel: t.t('status.number'),
      recipient: { name: recipientName(row.firstName, row.lastName), addressLines: lines },
      subject: row.subject,
      body: row.body,
      signatureName: row.authorName,
      letterhead,
    };
    return { document, hasAddress: lines.length > 0 };
  });
}
