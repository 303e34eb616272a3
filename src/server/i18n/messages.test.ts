import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/languages.ts';
import { en } from './catalogs/en.ts';
import { catalogs, interpolate, negotiateLanguage, translator } from './messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('has a catalog for every served language', () => {
    expect(Object.keys(catalogs).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  it.each(LANGUAGES.map((l) => l.code))('%s has every key, no extra key, the same placeholders', (code) => {
    const catalog = catalogs[code] as Record<string, string>;
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, english] of Object.entries(en)) {
      expect(catalog[key]!.trim(), `${code} ${key}`).not.toBe('');
      expect(placeholders(catalog[key]!), `${code} ${key}`).toEqual(placeholders(english));
      if (code !== 'en' && english.length > 12 && !/^\d/.test(english)) {
        expect(catalog[key], `${code} ${key} looks untranslated`).not.toBe(english);
      }
    }
  });
});

describe('lookup', () => {
  it('interpolates parameters and leaves unknown placeholders', () => {
    expect(interpolate('Hello {name}, {missing}', { name: 'Ana' })).toBe('Hello Ana, {missing}');
    expect(translator('es').t('status.title', { number: 'OCS-1' })).toBe('Solicitud OCS-1');
  });

  it('marks Arabic and Urdu right to left', () => {
    expect(translator('ar').dir).toBe('rtl');
    expect(translator('ur').dir).toBe('rtl');
    expect(translator('ht').dir).toBe('ltr');
  });

  it('writes Haitian Creole dates with Kreyòl month names', () => {
    expect(translator('ht').date(new Date('2026-03-12T15:00:00Z'), 'America/New_York')).toBe('12 mas 2026');
  });

  it('chooses ?lang first, then Accept-Language by weight, then English', () => {
    expect(negotiateLanguage('ht', 'es')).toBe('ht');
    expect(negotiateLanguage('xx', 'de;q=1, ko;q=0.5, es;q=0.8')).toBe('es');
    expect(negotiateLanguage(undefined, 'zh-Hant-TW,zh;q=0.9')).toBe('zh');
    expect(negotiateLanguage(undefined, 'de-DE')).toBe('en');
    expect(negotiateLanguage(['ar'], undefined)).toBe('en');
  });
});
