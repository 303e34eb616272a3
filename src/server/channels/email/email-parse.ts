// Turns the raw bytes of an email into what intake needs: sender, ids for threading, readable text (HTML-only mail
// is converted), attachments and inline images, and the headers that mark automatic mail. mailparser decodes
// transfer encodings and charsets (UTF-8, ISO-8859-1, Windows-1252, GB2312, Big5, KOI8-R, …).
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  inline: boolean;
}

export interface ParsedEmail {
  /** The Message-ID without angle brackets; a content hash when the sender set none. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  fromAddress: string;
  fromName: string;
  toAddresses: string[];
  subject: string;
  text: string;
  date: Date | null;
  attachments: ParsedAttachment[];
  /** Lower-case header name → first value as text (Auto-Submitted, Precedence, X-Autoreply, Content-Type …). */
  headers: Map<string, string>;
  /** The content type of the top part (multipart/report for delivery status notifications). */
  contentType: string;
}

export class UnparsableEmailError extends Error {}

const MESSAGE_ID_PATTERN = /<([^<>\s]{1,500})>/g;

/** Message ids in a header value, without angle brackets. */
export function messageIdsIn(value: string | string[] | undefined | null): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const ids = [...text.matchAll(MESSAGE_ID_PATTERN)].map((m) => m[1]!);
  if (ids.length === 0 && text.trim() && !/\s/.test(text.trim())) ids.push(text.trim().replace(/^<|>$/g, ''));
  return ids;
}

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (value && typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  if (value && typeof value === 'object' && 'value' in value) {
    const v = (value as { value: unknown }).value;
    const params = (value as { params?: Record<string, string> }).params ?? {};
    const main = typeof v === 'string' ? v : JSON.stringify(v);
    return [main, ...Object.entries(params).map(([k, p]) => `${k}=${p}`)].join('; ');
  }
  return String(value ?? '');
}

function addresses(value: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) =>
    a.value.flatMap((entry) => {
      const nested = entry.group ?? [];
      return [entry, ...nested].filter((e) => e.address).map((e) => ({ address: e.address!, name: e.name ?? '' }));
    }),
  );
}

/** Control characters (CR, LF, NUL …) never survive into names or subjects: they are how header injection works. */
export function singleLine(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Parses raw message bytes; throws UnparsableEmailError when the bytes are not a usable message. */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  if (raw.length === 0) throw new UnparsableEmailError('the message is empty');
  let mail;
  try {
    mail = await simpleParser(raw, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  } catch (error) {
    throw new UnparsableEmailError(`mailparser could not read it: ${(error as Error).message}`);
  }
  const from = addresses(mail.from)[0];
  if (!from || !/^[^@\s]+@[^@\s]+$/.test(from.address)) {
    throw new UnparsableEmailError('it has no From address');
  }
  const headers = new Map<string, string>();
  for (const [name, value] of mail.headers) headers.set(name.toLowerCase(), headerText(value));
  const html = typeof mail.html === 'string' ? mail.html : '';
  const text = (mail.text ?? '').trim() || (html ? htmlFallback(html) : '');
  const messageId =
    messageIdsIn(mail.messageId)[0] ?? `sha256-${createHash('sha256').update(raw).digest('hex')}@civicdesk.invalid`;
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
  return {
    messageId,
    inReplyTo: messageIdsIn(mail.inReplyTo)[0] ?? null,
    references: messageIdsIn(mail.references),
    fromAddress: from.address.trim().toLowerCase(),
    fromName: singleLine(from.name),
    toAddresses: addresses(mail.to).map((a) => a.address.toLowerCase()),
    subject: singleLine(mail.subject ?? ''),
    text,
    date,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? (a.contentType.startsWith('image/') ? 'inline-image' : 'attachment'),
      contentType: a.contentType,
      content: a.content,
      inline: a.contentDisposition === 'inline' || Boolean(a.related),
    })),
    headers,
    contentType: (headers.get('content-type') ?? 'text/plain').toLowerCase(),
  };
}

/** Readable text from HTML when mailparser gave none: tags dropped, blocks become lines, entities decoded. */
function htmlFallback(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Splits a display name into first and last name ("Ana María López" → "Ana María", "López"). */
export function splitName(name: string): { firstName: string; lastName: string } {
  const cleaned = singleLine(name.replace(/["<>]/g, ''));
  if (!cleaned || cleaned.includes('@')) return { firstName: '', lastName: '' };
  if (cleaned.includes(',')) {
    const [last, first] = cleaned.split(',', 2).map((s) => s.trim());
    return { firstName: (first ?? '').slice(0, 100), lastName: (last ?? '').slice(0, 100) };
  }
  const parts = cleaned.split(' ');
  if (parts.length === 1) return { firstName: parts[0]!.slice(0, 100), lastName: '' };
  return { firstName: parts.slice(0, -1).join(' ').slice(0, 100), lastName: parts.at(-1)!.slice(0, 100) };
}
