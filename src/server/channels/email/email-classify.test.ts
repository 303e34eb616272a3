import { describe, expect, it } from 'vitest';
import {
  automaticMail,
  campaignFingerprint,
  detectLanguage,
  normalizedSubject,
  trackingNumbersIn,
} from './email-classify.ts';

const mail = (headers: Record<string, string>, fromAddress = 'a@b.example', contentType = 'text/plain') => ({
  headers: new Map(Object.entries(headers)),
  fromAddress,
  contentType,
});
const own = new Set(['correspondence@localhost']);

describe('automatic mail', () => {
  it('lets a person’s mail through', () => {
    expect(automaticMail(mail({ 'auto-submitted': 'no' }), 'a@b.example', own)).toBeNull();
  });
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'auto_reply'],
    [{ precedence: 'junk' }, 'auto_reply'],
    [{ precedence: 'list' }, 'auto_reply'],
    [{ 'x-autorespond': 'yes' }, 'auto_reply'],
    [{ 'list-id': '<tenants.lists.example>' }, 'auto_reply'],
  ])('%o is %s', (headers, kind) => {
    expect(automaticMail(mail(headers), 'a@b.example', own)?.kind).toBe(kind);
  });
  it('knows bounces, the null sender and loops', () => {
    expect(automaticMail(mail({}, 'a@b.example', 'multipart/report; report-type=delivery-status'), '', own)?.kind).toBe(
      'bounce',
    );
    expect(automaticMail(mail({}, 'mailer-daemon@mx.example'), '', own)?.kind).toBe('bounce');
    expect(automaticMail(mail({}), '', own)?.kind).toBe('auto_reply');
    expect(automaticMail(mail({}, 'correspondence@localhost'), 'x@y.example', own)?.kind).toBe('loop');
  });
});

describe('subjects and fingerprints', () => {
  it('finds tracking numbers bare or bracketed', () => {
    expect(trackingNumbersIn('Re: Fwd: your case [OCS-2026-000123]')).toEqual(['OCS-2026-000123']);
    expect(trackingNumbersIn('about ocs-2026-000124 please')).toEqual(['OCS-2026-000124']);
    expect(trackingNumbersIn('no number here 2026')).toEqual([]);
  });
  it('drops reply prefixes', () => {
    expect(normalizedSubject('RE: Fwd:  Keep the   Pool')).toBe('keep the pool');
  });
  it('gives the same fingerprint to the same text signed by different people', () => {
    const body = (name: string) =>
      `Please keep the library open on Sundays, our kids need it for homework.\n\nThanks,\n${name}`;
    const a = campaignFingerprint('Library hours', body('Jane Roe'), 'Jane Roe');
    expect(a).not.toBeNull();
    expect(campaignFingerprint('Re: Library hours', body('John Doe'), 'John Doe')).toBe(a);
    expect(
      campaignFingerprint('Library hours', 'Something else entirely about a pothole on my street corner.', 'X'),
    ).not.toBe(a);
    expect(campaignFingerprint('Hi', 'too short', 'X')).toBeNull();
  });
});

describe('language detection', () => {
  it.each([
    ['你好，我的公寓没有暖气，请帮助我', 'zh'],
    ['안녕하세요, 우리 아파트에 난방이 안 됩니다', 'ko'],
    ['Здравствуйте, в моей квартире нет отопления', 'ru'],
    ['আমার বাড়িতে গরম পানি নেই, দয়া করে সাহায্য করুন', 'bn'],
    ['مرحبا، لا توجد تدفئة في شقتي منذ أسبوع', 'ar'],
    ['میرے گھر میں ہیٹنگ نہیں ہے، براہ کرم مدد کریں', 'ur'],
    ['Hola, no tengo calefacción en mi apartamento y por favor necesito ayuda con el problema de la casa', 'es'],
    ['Bonjour, je n’ai pas de chauffage dans mon appartement et je vous demande de l’aide pour le problème', 'fr'],
    [
      'Hello, there is no heat in my apartment and I would like you to please help with the problem for my family',
      'en',
    ],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
  it('stays unsure on short or mixed text', () => {
    expect(detectLanguage('OK thanks')).toBeNull();
  });
});
