import { decryptKey, hashSecret } from './storage/key-crypto.ts';
import { dataDirLayout, readSecret, requireDataDir } from './data-dir.ts';
import { signingKeyProblems } from './keys/signing-keys.ts';
import { integrityProblems } from './storage/integrity.ts';
import { openSqliteStorage } from './storage/sqlite-storage.ts';
import type { LicenseRecord } from './storage/storage.ts';

/*
 * `keyhole authority check`: is this data dir one the authority can serve from, and would a restore
 * from it work? The database passes SQLite's full integrity check, secret.key opens the stored
 * license keys, and every signing key file is the private half of a key the database publishes.
 */

export interface DataDirCheck {
  readonly name: 'database' | 'secret' | 'signing keys';
  /** One sentence per problem; [] when this part is sound (or was not checked). */
  readonly problems: readonly string[];
  /** True when this part could not be checked because the database is damaged. */
  readonly skipped?: boolean;
}

export async function checkDataDir(root: string): Promise<DataDirCheck[]> {
  const layout = requireDataDir(root);
  const database = integrityProblems(layout.database);
  if (database.length > 0) {
    return [
      { name: 'database', problems: database.map((line) => `${layout.database}: ${line}`) },
      { name: 'secret', problems: [], skipped: true },
      { name: 'signing keys', problems: [], skipped: true },
    ];
  }
  const storage = openSqliteStorage(layout.database);
  try {
    return [
      { name: 'database', problems: [] },
      { name: 'secret', problems: secretProblems(root, await storage.sampleLicense()) },
      { name: 'signing keys', problems: await signingKeyProblems(dataDirLayout(root), storage) },
    ];
  } finally {
    await storage.close();
  }
}

function secretProblems(root: string, sample: LicenseRecord | undefined): string[] {
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
