// The HTML of printed letters: agency letterhead, the recipient's address where a #10 window envelope shows it,
// date, reference, subject, body and signature, in the letter's language and direction with a Noto font for its
// script. Print batches put an address page before each letter. Pure: every inserted value is escaped here.

/** The agency's letterhead as printed. */
export interface Letterhead {
  name: string;
  addressLines: string[];
  phone: string;
  web: string;
  /** A PNG or JPEG data: URL, or null. */
  logoDataUrl: string | null;
}

/** Everything one printed letter shows, already merged and formatted. */
export interface LetterDocument {
  trackingNumber: string;
  language: string;
  dir: 'ltr' | 'rtl';
  /** The letter's date, written in its language. */
  date: string;
  /** "Tracking number" in the letter's language. */
  referenceLabel: string;
  recipient: { name: string; addressLines: string[] };
  subject: string;
  body: string;
  /** Who signs; shown under the body unless the body already ends with that name. */
  signatureName: string | null;
  letterhead: Letterhead;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(value: string): string {
  // Control characters other than tab and line feed have no place in a letter (and NUL upsets the renderer).
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const LOGO_DATA_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;

/** Whether a value is a logo civicdesk will place in a letter: a base64 PNG or JPEG data: URL. */
export function isLogoDataUrl(value: string): boolean {
  return LOGO_DATA_URL.test(value);
}

// Fonts come from Debian's fonts-noto-core and fonts-noto-cjk. The letter's own script leads, the others follow
// so that a name in another script (a Bengali name in an English letter) still finds its glyphs.
const FALLBACK_FONTS = [
  'Noto Sans',
  'Noto Naskh Arabic',
  'Noto Nastaliq Urdu',
  'Noto Sans Bengali',
  'Noto Sans CJK SC',
  'Noto Sans CJK KR',
  'DejaVu Sans',
  'sans-serif',
];
const PRIMARY_FONT: Record<string, string> = {
  ar: 'Noto Naskh Arabic',
  ur: 'Noto Nastaliq Urdu',
  bn: 'Noto Sans Bengali',
  zh: 'Noto Sans CJK SC',
  ko: 'Noto Sans CJK KR',
};
// Nastaliq's tall, sloping words need far more line height than Latin text; Naskh and Bengali a little more.
const LINE_HEIGHT: Record<string, number> = { ur: 2.3, ar: 1.75, bn: 1.7 };
// Arabic-script faces look a size smaller than Latin at the same point size.
const FONT_SIZE: Record<string, string> = { ar: '13pt', ur: '13pt' };
// Korean wraps between words, not inside them.
const WORD_BREAK: Record<string, string> = { ko: 'keep-all' };

function fontStack(language: string): string {
  const primary = PRIMARY_FONT[language];
  const fonts = primary ? [primary, ...FALLBACK_FONTS.filter((f) => f !== primary)] : FALLBACK_FONTS;
  return fonts.map((f) => (f.includes(' ') ? `"${f}"` : f)).join(', ');
}

const lines = (values: string[]) => values.map((v) => `<div>${escapeHtml(v)}</div>`).join('');

// Page geometry (US Letter, 8.5 × 11 in). A #10 window envelope's window is 4.5 × 1.125 in, 7/8 in from the left
// and 1/2 in from the bottom; a letter folded in thirds sits at the bottom of the envelope, so the window shows
// the area about 2.0–3.1 in below the top of the page, from 7/8 in on. The recipient's address goes at
// 2.125–3.0 in from the top and 1 in from the left, inside that area with room for the letter to slide.
const STYLE = `
@page { size: letter; margin: 0.75in 1in 0.75in 1in; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${fontStack('en')}; font-size: 11pt; line-height: 1.45; color: #000; }
section { break-before: page; }
section:first-child { break-before: auto; }
.letterhead, .window, .return, .mailroom, .latin { font-family: ${fontStack('en')}; }
.letterhead { height: 1.25in; display: flex; align-items: flex-start; gap: 0.2in; border-bottom: 1.5pt solid #1f3a5f;
  padding-bottom: 0.08in; overflow: hidden; direction: ltr; text-align: left; }
.letterhead img { max-height: 0.9in; max-width: 1.4in; }
.letterhead .agency { font-size: 15pt; font-weight: 700; color: #1f3a5f; line-height: 1.2; margin-bottom: 0.04in; }
.letterhead .details { font-size: 8.5pt; line-height: 1.35; color: #333; }
.window { margin-top: 0.125in; margin-left: 0; margin-right: auto; width: 3.75in; height: 0.875in; overflow: hidden;
  direction: ltr; text-align: left; font-size: 10.5pt; line-height: 1.3; }
.window div { white-space: nowrap; unicode-bidi: plaintext; }
.meta { margin-top: 0.35in; }
.subject { font-weight: 700; margin: 0.2in 0 0.2in; }
.body { white-space: pre-wrap; overflow-wrap: anywhere; }
.signature { margin-top: 0.45in; }
.address-page { position: relative; height: 9.45in; break-after: page; }
.address-page + section { break-before: auto; }
.address-page .return { position: absolute; top: 0; left: 0; width: 3.75in; font-size: 9pt; line-height: 1.3;
  direction: ltr; text-align: left; }
.address-page .window { position: absolute; top: 1.375in; left: 0; margin: 0; }
.address-page .mailroom { position: absolute; top: 3.4in; left: 0; right: 0; border-top: 0.75pt dashed #888;
  padding-top: 0.15in; font-size: 9pt; color: #333; direction: ltr; text-align: left; }
`;

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

function languageStyles(languages: Iterable<string>): string {
  return [...new Set(languages)]
    .filter((lang) => LANGUAGE_TAG.test(lang))
    .map(
      (lang) =>
        `section.letter[lang="${lang}"] { font-family: ${fontStack(lang)}; line-height: ${LINE_HEIGHT[lang] ?? 1.45};` +
        ` font-size: ${FONT_SIZE[lang] ?? '11pt'}; word-break: ${WORD_BREAK[lang] ?? 'normal'}; }`,
    )
    .join('\n');
}

function letterheadHtml(letterhead: Letterhead): string {
  const contact = [letterhead.phone, letterhead.web].filter((v) => v.trim()).join(' · ');
  const logo =
    letterhead.logoDataUrl && isLogoDataUrl(letterhead.logoDataUrl)
      ? `<img src="${escapeHtml(letterhead.logoDataUrl)}" alt="">`
      : '';
  return (
    `<header class="letterhead" dir="ltr">${logo}<div><div class="agency">${escapeHtml(letterhead.name)}</div>` +
    `<div class="details">${lines(letterhead.addressLines)}${contact ? `<div>${escapeHtml(contact)}</div>` : ''}` +
    `</div></div></header>`
  );
}

function windowHtml(recipient: LetterDocument['recipient']): string {
  return `<div class="window" dir="ltr">${lines([recipient.name, ...recipient.addressLines].filter((l) => l.trim()))}</div>`;
}

/** Escaped text with the tracking number set in the Latin face (in a Nastaliq line its digits would be Urdu). */
function withTrackingNumber(text: string, trackingNumber: string): string {
  const number = escapeHtml(trackingNumber);
  const escaped = escapeHtml(text);
  return number ? escaped.split(number).join(`<span class="latin" dir="ltr">${number}</span>`) : escaped;
}

function letterSection(letter: LetterDocument): string {
  const signed =
    letter.signatureName && !letter.body.trimEnd().split('\n').slice(-3).join('\n').includes(letter.signatureName)
      ? `<div class="signature">${escapeHtml(letter.signatureName)}</div>`
      : '';
  return (
    `<section class="letter" lang="${escapeHtml(letter.language)}" dir="${letter.dir}">` +
    letterheadHtml(letter.letterhead) +
    windowHtml(letter.recipient) +
    `<div class="meta"><div>${escapeHtml(letter.date)}</div>` +
    `<div>${escapeHtml(letter.referenceLabel)}: <span class="latin" dir="ltr">${escapeHtml(letter.trackingNumber)}</span></div></div>` +
    `<div class="subject">${withTrackingNumber(letter.subject.trim(), letter.trackingNumber)}</div>` +
    `<div class="body">${withTrackingNumber(letter.body.trim(), letter.trackingNumber)}</div>` +
    signed +
    `</section>`
  );
}

function addressPage(letter: LetterDocument, index: number, total: number): string {
  const head = letter.letterhead;
  return (
    `<section class="address-page" lang="${escapeHtml(letter.language)}" dir="ltr">` +
    `<div class="return"><strong>${escapeHtml(head.name)}</strong>${lines(head.addressLines)}</div>` +
    windowHtml(letter.recipient) +
    `<div class="mailroom">Envelope ${index + 1} of ${total} · ${escapeHtml(letter.trackingNumber)} · ` +
    `language: ${escapeHtml(letter.language)} · the letter follows this page; fold in thirds, address to the window.` +
    `</div></section>`
  );
}

/** One HTML document with the given letters; with `addressPages`, each letter follows its own address page. */
export function lettersHtml(letters: LetterDocument[], options: { addressPages: boolean }): string {
  const sections = letters.map((letter, index) =>
    options.addressPages ? addressPage(letter, index, letters.length) + letterSection(letter) : letterSection(letter),
  );
  const first = letters[0];
  return (
    `<!doctype html><html lang="${escapeHtml(first?.language ?? 'en')}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(letters.length === 1 && first ? first.trackingNumber : 'Letters')}</title>` +
    `<style>${STYLE}\n${languageStyles(letters.map((l) => l.language))}</style></head>` +
    `<body>${sections.join('')}</body></html>`
  );
}

/**
 * A letter that exists only to warm the renderer at start: the letterhead layout with a line in each script the
 * letters are set in, so Chromium has loaded those fonts before the first real letter.
 */
export function warmUpLettersHtml(): string {
  const letterhead: Letterhead = { name: 'civicdesk', addressLines: [], phone: '', web: '', logoDataUrl: null };
  return lettersHtml(
    [
      {
        trackingNumber: 'WARM-UP',
        language: 'en',
        dir: 'ltr',
        date: '1 January 2026',
        referenceLabel: 'Tracking number',
        recipient: { name: 'Warm up', addressLines: ['1 Centre Street', 'New York, NY 10007'] },
        subject: 'Warm up',
        body: 'Letters · Cartas · 信件 · 편지 · চিঠি · رسائل · خطوط · Письма',
        signatureName: null,
        letterhead,
      },
    ],
    { addressPages: true },
  );
}
