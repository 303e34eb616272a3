import { describe, expect, it } from 'vitest';
import { contentDisposition } from './file-answer.ts';

describe('contentDisposition', () => {
  it('quotes a plain ASCII name as it is', () => {
    expect(contentDisposition('monthly-report-2025-10.csv')).toBe('attachment; filename="monthly-report-2025-10.csv"');
    expect(contentDisposition('CD-1-letter-2.pdf', 'inline')).toBe('inline; filename="CD-1-letter-2.pdf"');
  });

  it('gives any other name as UTF-8 after an ASCII stand-in', () => {
    expect(contentDisposition('Résumé 2026.pdf')).toBe(
      `attachment; filename="Resume 2026.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%202026.pdf`,
    );
    expect(contentDisposition('申请.pdf')).toBe(
      `attachment; filename="__.pdf"; filename*=UTF-8''%E7%94%B3%E8%AF%B7.pdf`,
    );
  });

  it('never lets a name end the quoted string or the header', () => {
    const value = contentDisposition('a"b\\c\r\nX-Evil: 1 (50%)\'.csv');
    expect(value).toBe(
      `attachment; filename="a_b_c__X-Evil: 1 (50_)'.csv"; filename*=UTF-8''a%22b%5Cc%0D%0AX-Evil%3A%201%20%2850%25%29%27.csv`,
    );
    expect(value).not.toMatch(/[\r\n]/);
  });
});
