import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy.ts';

describe('passwordProblem', () => {
  it.each([
    ['short', 'Tr0ub4dor&3'],
    ['common', 'password1234'],
    ['common with a year', 'iloveyou2024!'],
    ['keyboard run', 'qwertyuiop123'],
    ['repeated', 'aaaaaaaaaaaaaaaa'],
    ['sequence', 'abcdefghijklmnop'],
  ])('refuses a %s password', (_kind, password) => {
    expect(passwordProblem(password)).not.toBeNull();
  });

  it('says how long a password must be', () => {
    expect(passwordProblem('short')).toBe(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  });

  it.each(['correct horse battery staple', 'e2e password 123', 'Plum-Orbit-Sesame-42'])('accepts %s', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it("refuses a password made of the user's own details", () => {
    expect(passwordProblem('maria.gonzalez2', ['maria.gonzalez@example.gov', 'Maria Gonzalez'])).not.toBeNull();
  });

  it('counts characters, not UTF-16 code units', () => {
    expect(passwordProblem('🔑🔑🔑🔑🔑🔑')).toBe(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  });
});
