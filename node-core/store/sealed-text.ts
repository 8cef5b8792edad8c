import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';

/*
 * How the store file is sealed: AES-256-GCM straight with the random 32-byte data key (a key
 * derivation adds nothing to a key that is already random, and PBKDF2 cost ~10 ms per read and per
 * write), a fresh 12-byte nonce per write, the format name as associated data. The file is text:
 *   keyhole-store/2:<base64 of nonce | tag | ciphertext>
 * Stores written before sealed as conf does (PBKDF2-SHA512, 10,000 rounds, salted with a 16-byte
 * IV) are still opened, once, by openConfSealed; the next write uses the format above.
 */

export const SEALED_PREFIX = 'keyhole-store/2:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from('keyhole-store/2');

/** The file failed its integrity check (damaged, truncated, edited, or sealed with another key). */
export class SealBroken extends Error {}

/** Seals `text` with `key` (32 bytes). */
export function seal(key: Uint8Array, text: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES }).setAAD(AAD);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64');
}

/** Opens what {@link seal} wrote; throws SealBroken when anything about it is off. */
export function unseal(key: Uint8Array, sealed: string): string {
  if (!sealed.startsWith(SEALED_PREFIX)) throw new SealBroken('not a sealed store');
  const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length).trim(), 'base64');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new SealBroken('the sealed store is truncated');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES }).setAAD(AAD);
    decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealBroken('the sealed store failed its integrity check');
  }
}

/** True when `bytes` look like conf's own aes-256-gcm file (16-byte IV, ':', ciphertext, tag). */
export function isConfSealed(bytes: Uint8Array): boolean {
  return bytes.length > 17 + TAG_BYTES && bytes[16] === 0x3a && !Buffer.from(bytes.subarray(0, SEALED_PREFIX.length)).equals(Buffer.from(SEALED_PREFIX));
}

/** Opens a store file conf sealed with `key`; throws SealBroken. */
export function openConfSealed(key: Uint8Array, bytes: Uint8Array): string {
  const iv = bytes.subarray(0, 16);
  const rest = bytes.subarray(17);
  try {
    const derived = pbkdf2Sync(key, iv, 10_000, 32, 'sha512');
    const decipher = createDecipheriv('aes-256-gcm', derived, iv);
    decipher.setAuthTag(rest.subarray(rest.length - TAG_BYTES));
    return Buffer.concat([decipher.update(rest.subarray(0, rest.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealBroken('the store (earlier format) failed its integrity check');
  }
}
