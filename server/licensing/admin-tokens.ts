import { randomBytes, timingSafeEqual } from 'node:crypto';
import { toBase64Url } from '../../shared/license/signing.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import type { Storage } from '../storage/storage.ts';

/*
 * Admin bearer tokens: 256 random bits, shown once by `keyhole token create`, stored as SHA-256.
 * Checking compares the presented hash with every stored hash in constant time and without an
 * early exit, so neither a near miss nor the number of tokens shows in the timing.
 */

const PREFIX = 'kha_';

export function createAdminToken(storage: Storage, label: string, at: number): string {
  const token = PREFIX + toBase64Url(new Uint8Array(randomBytes(32)));
  storage.transaction(() => storage.addAdminToken(hashSecret(token), label, at));
  return token;
}

export function isValidAdminToken(storage: Storage, presented: string | undefined): boolean {
  const candidate = Buffer.from(hashSecret(presented ?? ''), 'hex');
  let found = false;
  for (const stored of storage.listAdminTokenHashes()) {
    const bytes = Buffer.from(stored, 'hex');
    if (bytes.length === candidate.length && timingSafeEqual(bytes, candidate)) found = true;
  }
  return found && presented !== undefined && presented.length > PREFIX.length;
}
