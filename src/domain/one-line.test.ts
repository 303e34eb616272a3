import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { oneLine } from './one-line.ts';

describe('oneLine', () => {
  it.each([
    ['Overdue action\r\nBcc: someone@example.org', 'Overdue action Bcc: someone@example.org'],
    ['  tabs\tand\u0000nul  ', 'tabs and nul'],
    ['Plain subject', 'Plain subject'],
  ])('%j → %j', (text, expected) => {
    expect(oneLine(text)).toBe(expected);
  });

  it('never leaves a line break or control character', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        // eslint-disable-next-line no-control-regex
        expect(oneLine(text)).not.toMatch(/[\u0000-\u001f\u007f]/);
      }),
    );
  });
});
