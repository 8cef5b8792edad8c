import { createCipheriv, createDecipheriv, hash, randomBytes } from 'node:crypto';

/*
 * License keys at rest. Lookups go by SHA-256 of the canonical key: keys carry 120 random bits, so
 * a fast unsalted hash is enough (nothing to brute-force) and keeps lookups one index probe. The
 * key itself is kept only encrypted (aes-256-gcm with the data dir's secret) so an admin can be
 * shown it again; a stolen database alone reveals no key.
 */

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function hashSecret(canonical: string): string {
  // The one-shot form: no Hash object per call (every validate hashes its key).
  return hash('sha256', canonical, 'hex');
}

export function encryptKey(canonical: string, secret: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secret, nonce);
  const body = Buffer.concat([cipher.update(canonical, 'utf8'), cipher.final()]);
  return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]));
}

export function decryptKey(ciphertext: Uint8Array, secret: Uint8Array): string {
  const bytes = Buffer.from(ciphertext);
  const nonce = bytes.subarray(0, NONCE_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', secret, nonce);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}
