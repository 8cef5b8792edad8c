import { dataDirLayout, readSecret } from './data-dir.ts';
import { decryptKey, hashSecret } from './storage/key-crypto.ts';
import type { LicenseRecord } from './storage/storage.ts';

/**
 * Why secret.key cannot serve this database ([] when it can, or when no license exists yet to try
 * it on). Lookups go by the key's hash, so a wrong secret would not fail loudly on its own: it
 * shows only when an admin asks to see a key, and every key created meanwhile is stored under it.
 */
export function secretProblems(root: string, sample: LicenseRecord | undefined): string[] {
  const layout = dataDirLayout(root);
  let secret: Buffer;
  try {
    secret = readSecret(layout);
  } catch (error) {
    return [(error as Error).message];
  }
  if (!sample) return [];
  try {
    if (hashSecret(decryptKey(sample.keyCiphertext, secret)) === sample.keyHash) return [];
  } catch {
    // A wrong secret fails the GCM tag check; reported below like a mismatch.
  }
  return [`${layout.secret} does not open the license keys stored in the database (a secret from another data dir?)`];
}
