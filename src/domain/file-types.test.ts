import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectFileType, storedContentType } from './file-types.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('detectFileType', () => {
  it.each([
    [bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31), 'application/pdf'],
    [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    [bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    [new TextEncoder().encode('Dear office, mi carta — письмо'), 'text/plain; charset=utf-8'],
  ])('recognises %#', (head, type) => {
    expect(detectFileType(head)?.contentType).toBe(type);
  });

  it('refuses executables and binary junk', () => {
    expect(detectFileType(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull();
    expect(detectFileType(bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01))).toBeNull();
    expect(detectFileType(new Uint8Array())).toBeNull();
  });

  it('accepts a zip only when it is named as an Office document', () => {
    const zip = detectFileType(bytes(0x50, 0x4b, 0x03, 0x04))!;
    expect(storedContentType(zip, 'Letter.DOCX')).toContain('wordprocessingml');
    expect(storedContentType(zip, 'payload.zip')).toBeNull();
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (head) => void detectFileType(head)));
  });
});
