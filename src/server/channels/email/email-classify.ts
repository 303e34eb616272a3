// Pure decisions about an inbound email: is it automatic (auto-reply, bounce, loop), which case does its subject
// name, which campaign does it belong to, and which language is it clearly written in.
import { createHash } from 'node:crypto';
import type { ParsedEmail } from './email-parse.ts';

export type AutomaticKind = 'auto_reply' | 'bounce' | 'loop';

export interface AutomaticMail {
  kind: AutomaticKind;
  reason: string;
}

/**
 * Why a message must never be acknowledged, or null for mail a person wrote. Follows RFC 3834: Auto-Submitted
 * other than "no", Precedence bulk/junk/list, X-Autoreply/X-Autorespond, the null sender <>; a multipart/report
 * or a mailer-daemon sender is a bounce; mail from one of our own addresses is a loop.
 */
export function automaticMail(
  mail: Pick<ParsedEmail, 'headers' | 'fromAddress' | 'contentType'>,
  envelopeFrom: string,
  ownAddresses: ReadonlySet<string>,
): AutomaticMail | null {
  if (ownAddresses.has(mail.fromAddress))
    return { kind: 'loop', reason: `sent from our own address ${mail.fromAddress}` };
  const isReport = mail.contentType.startsWith('multipart/report');
  const daemon = /^(mailer-daemon|postmaster)@/i.test(mail.fromAddress);
  if ((isReport && /delivery-status/i.test(mail.contentType)) || (daemon && envelopeFrom === '')) {
    return { kind: 'bounce', reason: 'a delivery status notification (bounce)' };
  }
  const autoSubmitted = mail.headers.get('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no')
    return { kind: 'auto_reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  const precedence = mail.headers.get('precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) {
    return { kind: 'auto_reply', reason: `Precedence: ${precedence}` };
  }
  // Mailing-list mail (RFC 2369/2919: List-Id, List-Unsubscribe …, which mailparser gathers under "list") is never
  // answered either (RFC 3834 §2).
  if (mail.headers.has('list-id') || mail.headers.has('list')) {
    return { kind: 'auto_reply', reason: 'mailing-list mail (List-* headers)' };
  }
  for (const header of ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress']) {
    const value = mail.headers.get(header);
    if (value !== undefined && (header !== 'x-auto-response-suppress' || /all|autoreply|oof/i.test(value))) {
      return { kind: 'auto_reply', reason: `${header}: ${value}` };
    }
  }
  if (envelopeFrom === '') return { kind: 'auto_reply', reason: 'null sender <>' };
  if (isReport || daemon) return { kind: 'bounce', reason: 'a delivery report from a mail system' };
  return null;
}

/** Tracking numbers such as OCS-2026-000123 in a subject, in order; the caller checks which exist. */
export function trackingNumbersIn(subject: string): string[] {
  return [...subject.matchAll(/\b([A-Z][A-Z0-9]{0,9}-\d{4}-\d{4,9})\b/gi)].map((m) => m[1]!.toUpperCase());
}

const REPLY_PREFIX = /^\s*((re|fwd?|aw|wg|sv|vs|tr|rv|odp|r)\s*(\[\d+\])?\s*:\s*)+/i;

/** The subject without Re:/Fwd: prefixes, lower-case, single-spaced. */
export function normalizedSubject(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A fingerprint of what a message says, blind to who sent it: subject without prefixes, body without quoted lines,
 * signature, the sender's own name, email addresses, digits and punctuation. Campaign mail (the same text sent by
 * many people, each signing their name) gets the same fingerprint.
 */
export function campaignFingerprint(subject: string, body: string, senderName: string): string | null {
  const nameWords = new Set(
    senderName
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter((w) => w.length > 1),
  );
  const withoutSignature = body.split(/\n-- ?\n/)[0] ?? body;
  const words = withoutSignature
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join(' ')
    .toLowerCase()
    .replace(/\S+@\S+/g, ' ')
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 1 && !nameWords.has(w));
  if (words.length < 8) return null; // too short to call two messages the same text
  return createHash('sha256')
    .update(`${normalizedSubject(subject)}\n${words.join(' ')}`)
    .digest('hex')
    .slice(0, 24);
}

const SCRIPTS: { language: string; pattern: RegExp }[] = [
  { language: 'zh', pattern: /[\u4e00-\u9fff]/gu },
  { language: 'ko', pattern: /[\uac00-\ud7af\u1100-\u11ff]/gu },
  { language: 'ru', pattern: /[\u0400-\u04ff]/gu },
  { language: 'bn', pattern: /[\u0980-\u09ff]/gu },
  { language: 'ur', pattern: /[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2]/gu },
  { language: 'ar', pattern: /[\u0600-\u06ff]/gu },
];

const WORDS: { language: string; words: string[] }[] = [
  { language: 'es', words: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'por', 'para', 'mi', 'con', 'una', 'gracias'] },
  { language: 'fr', words: ['le', 'la', 'de', 'et', 'les', 'des', 'est', 'je', 'pour', 'vous', 'une', 'merci', 'mon'] },
  { language: 'ht', words: ['mwen', 'nou', 'pou', 'ak', 'yo', 'li', 'nan', 'se', 'pa', 'kay', 'mèsi', 'tanpri'] },
  { language: 'pl', words: ['nie', 'się', 'jest', 'na', 'że', 'do', 'mój', 'proszę', 'dziękuję', 'jak', 'ale', 'mam'] },
  { language: 'en', words: ['the', 'and', 'is', 'to', 'of', 'my', 'for', 'you', 'please', 'thank', 'with', 'have'] },
];

/**
 * The language a text is clearly written in, or null when unsure. Scripts decide first (a third of the letters in
 * Han, Hangul, Cyrillic, Bengali or Arabic script; Urdu by its own letters); Latin-script languages by common words,
 * and only when one language leads the others by a clear margin.
 */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, 4000);
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  if (letters < 12) return null;
  for (const { language, pattern } of SCRIPTS) {
    const count = (sample.match(pattern) ?? []).length;
    if (language === 'ur' && count >= 3) return 'ur';
    if (count / letters > 0.3) return language;
  }
  const tokens = sample.toLowerCase().split(/[^\p{L}]+/u);
  const scores = WORDS.map(({ language, words }) => ({
    language,
    score: tokens.filter((t) => words.includes(t)).length,
  })).sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  if (!best || best.score < 4 || best.score < 2 * (second?.score ?? 0)) return null;
  return best.language;
}
