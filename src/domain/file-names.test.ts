import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanFileName } from './file-names.ts';

describe('cleanFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['C:\\Users\\maria\\letter.docx', 'letter.docx'],
    ['../../etc/passwd', 'passwd'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['photo\u2066\u2069\u200B.jpg', 'photo.jpg'],
    ['line\nbreak\t.txt', 'line_break_.txt'],
    ['bell\u0007\u0085.txt', 'bell__.txt'],
    ['"quoted":name.pdf', '_quoted__name.pdf'],
    ['.hidden', 'hidden'],
    ['\u202E', 'attachment'],
    ['شكوى.pdf', 'شكوى.pdf'],
    ['', 'attachment'],
  ])('%j → %j', (name, expected) => {
    expect(cleanFileName(name)).toBe(expected);
  });

  it('never leaves a control, direction mark, slash or leading dot, and stays within 200 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (name) => {
        const cleaned = cleanFileName(name);
        // eslint-disable-next-line no-control-regex -- matching control characters is the point
        expect(cleaned).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f/\\]/);
        expect(cleaned.startsWith('.')).toBe(false);
        expect([...cleaned].length).toBeLessThanOrEqual(200);
        expect(cleaned.length).toBeGreaterThan(0);
      }),
    );
  });
});
