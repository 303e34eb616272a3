// Secrets kept in the database (mailbox passwords) are encrypted with AES-256-GCM under a key derived by HKDF-SHA256
// from CIVICDESK_SECRET. Without CIVICDESK_SECRET (a fresh clone, `npm start`) the key material is generated at first
// start and kept in server_secrets, like the form-token key: the data is then only as safe as the database, and start
// says so. A sealed value reads
//   cd1.<key id>.<nonce>.<ciphertext>.<tag>      (base64url parts)
// where the key id is a short fingerprint of the key, so a value sealed under another key fails with a sentence
// saying so instead of a garbled password. Each value is bound to where it is kept (the associated data, e.g.
// "email_mailboxes.password:3:7"), so a sealed value copied to another row does not open there.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Db } from './db/database.ts';
import type { Config } from './env.ts';
import { findServerSecret, serverSecret } from './repositories/portal.ts';

const PREFIX = 'cd1';

export class SecretKeyError extends Error {}

interface Key {
  id: string;
  bytes: Buffer;
}

function deriveKey(material: string): Key {
  const bytes = Buffer.from(hkdfSync('sha256', material, 'civicdesk', 'civicdesk data at rest v1', 32));
  const id = createHmac('sha256', bytes).update('key id').digest('base64url').slice(0, 8);
  return { id, bytes };
}

export interface SecretBox {
  /** The id of the key new values are sealed with. */
  readonly keyId: string;
  /** Encrypts a value for the place named by `context`. */
  seal(plain: string, context: string): string;
  /**
   * Decrypts a sealed value; a value that is not sealed (a row written before encryption) is returned as it is, with
   * `stale` set, as is one sealed under an older key: the caller writes it back sealed.
   */
  open(stored: string, context: string): { plain: string; stale: boolean };
  /** Whether a stored value is sealed under the key new values are sealed with. */
  sealedWithCurrentKey(stored: string): boolean;
}

/** A box that seals with the first key material and opens with any of them. */
export function secretBox(primary: string, ...older: string[]): SecretBox {
  const keys = [primary, ...older].map(deriveKey);
  const current = keys[0]!;
  const isSealed = (stored: string) => stored.startsWith(`${PREFIX}.`);
  return {
    keyId: current.id,
    sealedWithCurrentKey: (stored) => stored.startsWith(`${PREFIX}.${current.id}.`),
    seal(plain, context) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.bytes, nonce);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [nonce, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return [PREFIX, current.id, ...parts].join('.');
    },
    open(stored, context) {
      if (!isSealed(stored)) return { plain: stored, stale: true };
      const [, keyId, nonce, body, tag, ...rest] = stored.split('.');
      if (!keyId || nonce === undefined || body === undefined || !tag || rest.length) {
        throw new SecretKeyError(`A stored secret (${context.split(':')[0]}) is damaged: it is not in the cd1 format.`);
      }
      const key = keys.find((k) => k.id === keyId);
      if (!key) {
        throw new SecretKeyError(
          `A stored secret (${context.split(':')[0]}) was encrypted with another key (key id ${keyId}); this server's ` +
            `CIVICDESK_SECRET gives key id ${current.id}. Start the server with the CIVICDESK_SECRET it was stored ` +
            'with, or enter the secret again.',
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(nonce, 'base64url'));
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
        return { plain, stale: key !== current };
      } catch {
        throw new SecretKeyError(
          `A stored secret (${context.split(':')[0]}) could not be decrypted with key id ${keyId}: it was altered ` +
            'or moved from another row.',
        );
      }
    },
  };
}

const boxes = new WeakMap<Db, Map<string, Promise<SecretBox>>>();

/**
 * The box of this server: keyed by CIVICDESK_SECRET when it is set (opening, too, what was sealed under the generated
 * key before it was set), else by the key material generated at first start and kept in the database.
 */
export function atRestBox(db: Db, config: Pick<Config, 'secret'>): Promise<SecretBox> {
  let byKey = boxes.get(db);
  if (!byKey) boxes.set(db, (byKey = new Map()));
  const cacheKey = config.secret ?? '';
  let box = byKey.get(cacheKey);
  if (!box) {
    box = (async () => {
      if (config.secret) {
        const generated = await findServerSecret(db, 'at-rest-key');
        return generated ? secretBox(config.secret, generated) : secretBox(config.secret);
      }
      return secretBox(await serverSecret(db, 'at-rest-key', () => randomBytes(32).toString('base64url')));
    })();
    box.catch(() => byKey.delete(cacheKey));
    byKey.set(cacheKey, box);
  }
  return box;
}

/** Where a mailbox password is kept: the associated data of its sealed value. */
export const mailboxPasswordContext = (agencyId: number, channelId: number) =>
  `email_mailboxes.password:${agencyId}:${channelId}`;
