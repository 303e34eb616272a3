import { describe, expect, it } from 'vitest';
import {
  issueFormToken,
  newAccessCode,
  normalizeAccessCode,
  sameSecret,
  verifyFormToken,
} from './public-form-token.ts';

const SECRET = 'x'.repeat(40);

describe('form tokens', () => {
  const issued = new Date('2026-03-02T10:00:00Z');
  const later = (ms: number) => new Date(issued.getTime() + ms);

  it('accepts a token between 3 seconds and 24 hours old, for its own agency and channel only', () => {
    const token = issueFormToken(SECRET, 'main', 'web', issued);
    expect(verifyFormToken(SECRET, token, 'main', 'web', later(1_000))).toBe('too_fast');
    expect(verifyFormToken(SECRET, token, 'main', 'web', later(3_000))).toBe('ok');
    expect(verifyFormToken(SECRET, token, 'main', 'web', later(24 * 3_600_000 + 1))).toBe('expired');
    expect(verifyFormToken(SECRET, token, 'main', 'storm-hotline', later(5_000))).toBe('invalid');
    expect(verifyFormToken('y'.repeat(40), token, 'main', 'web', later(5_000))).toBe('invalid');
  });

  it('refuses forged and malformed tokens', () => {
    const [time, nonce, sig] = issueFormToken(SECRET, 'main', 'web', issued).split('.');
    const backdated = `${(issued.getTime() - 10_000).toString(36)}.${nonce}.${sig}`;
    expect(verifyFormToken(SECRET, backdated, 'main', 'web', later(5_000))).toBe('invalid');
    for (const bad of ['', 'a.b', `${time}.${nonce}.${sig}.x`, `zz.${nonce}.${sig}`, 'x'.repeat(500)]) {
      expect(verifyFormToken(SECRET, bad, 'main', 'web', later(5_000))).toBe('invalid');
    }
  });

  it('makes access codes people can read out and type back', () => {
    const code = newAccessCode();
    expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{16}$/);
    expect(normalizeAccessCode(` ${code.slice(0, 8).toUpperCase()}-${code.slice(8)} `)).toBe(code);
    expect(sameSecret(code, code)).toBe(true);
    expect(sameSecret(code, newAccessCode())).toBe(false);
  });
});
