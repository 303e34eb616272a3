import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mentionedHandles, mentionMatches } from './mentions.ts';

describe('mentionedHandles', () => {
  it.each([
    ['@maria please call her back', ['maria']],
    ['cc @maria.lopez and @Sam_Ng.', ['marialopez', 'samng']],
    ['Thanks @José, and @jose again', ['jose']],
    ['write to ana@example.org', []],
    ['no one here', []],
    ['(@k) at the start of a bracket', ['k']],
    ['@@double', []],
  ])('%s', (text, expected) => {
    expect(mentionedHandles(text)).toEqual(expected);
  });

  it('never finds a mention in an email address', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.stringMatching(/^[a-z]{1,10}$/), (local, domain) => {
        expect(mentionedHandles(`mail ${local}@${domain}.org now`)).toEqual([]);
      }),
    );
  });
});

describe('mentionMatches', () => {
  const maria = { name: 'María López', email: 'mlopez@example.gov' };
  it.each([
    ['mlopez', true],
    ['MLopez', true],
    ['marialopez', true],
    ['maria.lopez', true],
    ['maria', false],
    ['', false],
  ])('%s', (handle, expected) => {
    expect(mentionMatches(handle, maria)).toBe(expected);
  });
});
