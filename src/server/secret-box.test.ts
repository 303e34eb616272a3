// The sealed format: AES-256-GCM under a key derived from the secret, versioned, bound to its place.
import { describe, expect, it } from 'vitest';
import { secretBox, SecretKeyError } from './secret-box.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('secretBox', () => {
  it('seals without the plaintext and opens only under the same key and place', () => {
    const box = secretBox(A);
    const sealed = box.seal('hunter2-mailbox-password', 'email_mailboxes.password:1:2');
    expect(sealed.startsWith(`cd1.${box.keyId}.`)).toBe(true);
    expect(sealed).not.toContain('hunter2');
    expect(box.seal('hunter2-mailbox-password', 'email_mailboxes.password:1:2')).not.toBe(sealed);
    expect(box.open(sealed, 'email_mailboxes.password:1:2')).toEqual({
      plain: 'hunter2-mailbox-password',
      stale: false,
    });
    expect(() => box.open(sealed, 'email_mailboxes.password:1:3')).toThrow(/altered or moved from another row/);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered, 'email_mailboxes.password:1:2')).toThrow(SecretKeyError);
  });

  it('names both key ids when the key is wrong', () => {
    const sealed = secretBox(A).seal('x', 'c');
    const other = secretBox(B);
    expect(() => other.open(sealed, 'c')).toThrow(
      new RegExp(
        `another key \\(key id ${secretBox(A).keyId}\\); this server's CIVICDESK_SECRET gives key id ${other.keyId}`,
      ),
    );
  });

  it('reads plain values and values under an older key as stale', () => {
    const rotated = secretBox(B, A);
    expect(rotated.open('plain-password', 'c')).toEqual({ plain: 'plain-password', stale: true });
    expect(rotated.open(secretBox(A).seal('old', 'c'), 'c')).toEqual({ plain: 'old', stale: true });
    expect(rotated.sealedWithCurrentKey(rotated.seal('new', 'c'))).toBe(true);
    expect(() => rotated.open('cd1.broken', 'c')).toThrow(/damaged/);
  });
});
