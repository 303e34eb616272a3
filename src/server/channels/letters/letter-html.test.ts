import { describe, expect, it } from 'vitest';
import { escapeHtml, isLogoDataUrl, lettersHtml, type LetterDocument } from './letter-html.ts';
import { addressLines, recipientName } from './letter-documents.ts';

const letter = (overrides: Partial<LetterDocument> = {}): LetterDocument => ({
  trackingNumber: 'OCS-2026-000001',
  language: 'en',
  dir: 'ltr',
  date: 'March 12, 2026',
  referenceLabel: 'Tracking number',
  recipient: { name: 'Rosa Diaz', addressLines: ['210 Joralemon Street', 'Brooklyn, NY 11201'] },
  subject: 'Your request',
  body: 'Dear Rosa Diaz,\n\nThank you.',
  signatureName: 'Maria Lopez',
  letterhead: { name: 'Office', addressLines: ['1 Centre Street'], phone: '', web: '', logoDataUrl: null },
  ...overrides,
});

describe('letter HTML', () => {
  it('escapes every inserted value, so template values cannot add markup, scripts or remote resources', () => {
    const hostile = '<script>alert(1)</script><img src="http://evil.example/x.png" onerror="x()">&"\'';
    const html = lettersHtml(
      [
        letter({
          trackingNumber: hostile,
          language: 'en"><script>',
          date: hostile,
          referenceLabel: hostile,
          recipient: { name: hostile, addressLines: [hostile] },
          subject: hostile,
          body: hostile,
          signatureName: hostile,
          letterhead: {
            name: hostile,
            addressLines: [hostile],
            phone: hostile,
            web: hostile,
            logoDataUrl: 'javascript:x',
          },
        }),
      ],
      { addressPages: true },
    );
    expect(html).not.toMatch(/<script|<img|onerror="|javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml('a\u0000b\u0007c\nd')).toBe('abc\nd');
  });

  it('writes Arabic and Urdu letters right to left with their language, and keeps the address window left to right', () => {
    const html = lettersHtml([letter({ language: 'ur', dir: 'rtl' }), letter({ language: 'ar', dir: 'rtl' })], {
      addressPages: false,
    });
    expect(html).toContain('<section class="letter" lang="ur" dir="rtl">');
    expect(html).toContain('<section class="letter" lang="ar" dir="rtl">');
    expect(html).toContain('<div class="window" dir="ltr">');
    expect(html).toMatch(/section\.letter\[lang="ur"\] \{ font-family: "Noto Nastaliq Urdu"/);
    expect(html).toMatch(/section\.letter\[lang="ar"\] \{ font-family: "Noto Naskh Arabic"/);
  });

  it('puts an address page before each letter of a batch', () => {
    const html = lettersHtml([letter(), letter({ trackingNumber: 'OCS-2026-000002' })], { addressPages: true });
    expect(html.match(/class="address-page"/g)).toHaveLength(2);
    expect(html).toContain('Envelope 2 of 2 · OCS-2026-000002');
  });

  it('accepts only base64 PNG or JPEG data URLs as a logo', () => {
    expect(isLogoDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isLogoDataUrl('data:image/svg+xml;base64,PHN2Zz4=')).toBe(false);
    expect(isLogoDataUrl('data:image/png;base64,iVBO"><script>')).toBe(false);
  });
});

describe('envelope lines', () => {
  it('splits a one-line US address before the city and keeps given line breaks', () => {
    expect(addressLines('210 Joralemon Street, Apt 4B, Brooklyn, NY 11201')).toEqual([
      '210 Joralemon Street, Apt 4B',
      'Brooklyn, NY 11201',
    ]);
    expect(addressLines('1 Main St\nSpringfield, IL 62701\n')).toEqual(['1 Main St', 'Springfield, IL 62701']);
    expect(addressLines('PO Box 12')).toEqual(['PO Box 12']);
  });

  it('writes Chinese and Korean names family name first', () => {
    expect(recipientName('芳', '王')).toBe('王芳');
    expect(recipientName('민준', '김')).toBe('김민준');
    expect(recipientName('Rosa', 'Diaz')).toBe('Rosa Diaz');
  });
});
