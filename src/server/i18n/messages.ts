// Message lookup for the public portal: one catalog per served language, {placeholder} interpolation, the choice
// of language from ?lang= or Accept-Language, and dates and numbers written the way each language writes them.
import { LANGUAGES, isLanguageCode, type LanguageCode } from '../../shared/languages.ts';
import { en, type Catalog, type MessageKey } from './catalogs/en.ts';
import { es } from './catalogs/es.ts';
import { zh } from './catalogs/zh.ts';
import { ru } from './catalogs/ru.ts';
import { bn } from './catalogs/bn.ts';
import { ht } from './catalogs/ht.ts';
import { ko } from './catalogs/ko.ts';
import { ar } from './catalogs/ar.ts';
import { ur } from './catalogs/ur.ts';
import { fr } from './catalogs/fr.ts';
import { pl } from './catalogs/pl.ts';

export type { MessageKey, LanguageCode };

export const catalogs: Record<LanguageCode, Catalog> = { en, es, zh, ru, bn, ht, ko, ar, ur, fr, pl };

export type Params = Record<string, string | number>;

/** A translator bound to one language. */
export interface Translator {
  lang: LanguageCode;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, params?: Params): string;
  date(value: Date, timeZone: string): string;
  number(value: number): string;
}

/** Replaces each {name} with its parameter; unknown placeholders are left as they are. */
export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

// ICU has no Haitian Creole data; these are the month names a Kreyòl reader expects ("12 mas 2026").
const KREYOL_MONTHS = [
  'janvye',
  'fevriye',
  'mas',
  'avril',
  'me',
  'jen',
  'jiyè',
  'out',
  'septanm',
  'oktòb',
  'novanm',
  'desanm',
];

function formatDate(lang: LanguageCode, value: Date, timeZone: string): string {
  if (lang === 'ht') {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(value)
      .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
    return `${parts.day} ${KREYOL_MONTHS[Number(parts.month) - 1]} ${parts.year}`;
  }
  return new Intl.DateTimeFormat(lang, { timeZone, dateStyle: 'long' }).format(value);
}

/** The translator for a served language. */
export function translator(lang: LanguageCode): Translator {
  const catalog = catalogs[lang];
  const rtl = LANGUAGES.find((l) => l.code === lang)?.rtl ?? false;
  return {
    lang,
    dir: rtl ? 'rtl' : 'ltr',
    t: (key, params) => interpolate(catalog[key] ?? en[key], params),
    date: (value, timeZone) => formatDate(lang, value, timeZone),
    number: (value) => new Intl.NumberFormat(lang === 'ht' ? 'fr' : lang).format(value),
  };
}

/** The served language closest to a tag such as "zh-Hant-TW" or "fr-HT", or null. */
export function matchLanguage(tag: string | undefined | null): LanguageCode | null {
  if (!tag) return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isLanguageCode(base) ? base : null;
}

/** The language of a request: an explicit ?lang= first, then the best Accept-Language entry, then English. */
export function negotiateLanguage(explicit: unknown, acceptLanguage: string | undefined): LanguageCode {
  if (typeof explicit === 'string') {
    const chosen = matchLanguage(explicit);
    if (chosen) return chosen;
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((entry, index) => {
      const [tag, ...params] = entry.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((e) => e.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const entry of ranked) {
    const match = matchLanguage(entry.tag);
    if (match) return match;
  }
  return 'en';
}
