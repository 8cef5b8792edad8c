import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from './atomic-file.ts';
import type { KeyProtector } from './key-protector.ts';

/*
 * The store's data key: 32 random bytes per installation, kept in `<name>.key.json` beside the
 * store, wrapped by the KeyProtector. The file records which backend wrapped it, so a key wrapped
 * by the OS keychain is never mistaken for a raw one. A key file from plain Node ('key_file') is
 * re-wrapped when a real backend becomes available; the other way round cannot be unwrapped.
 */

const FORMAT = 'keyhole-data-key/1';
export const DATA_KEY_BYTES = 32;

interface DataKeyFile {
  readonly format: typeof FORMAT;
  readonly backend: string;
  readonly key: string;
}

/** Why an existing data key cannot be used (the store it guards is then unreadable too). */
export class DataKeyProblem extends Error {}

function writeKeyFile(path: string, protector: KeyProtector, key: Uint8Array): void {
  const file: DataKeyFile = { format: FORMAT, backend: protector.backend, key: Buffer.from(protector.protect(key)).toString('base64') };
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, 0o600);
}

/** A fresh key, written to `path` (replacing nothing: the caller kept any old file aside). */
export function createDataKey(path: string, protector: KeyProtector): Uint8Array {
  const key = new Uint8Array(randomBytes(DATA_KEY_BYTES));
  writeKeyFile(path, protector, key);
  return key;
}

function parseKeyFile(path: string): DataKeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DataKeyProblem(`the data key file could not be read (${(error as Error).message})`);
  }
  const file = parsed as Partial<DataKeyFile> | null;
  if (file?.format !== FORMAT || typeof file.backend !== 'string' || typeof file.key !== 'string') {
    throw new DataKeyProblem('the data key file is not in the expected format');
  }
  return file as DataKeyFile;
}

/** Reads the data key, or returns null when there is no key file yet. Throws DataKeyProblem. */
export function readDataKey(path: string, protector: KeyProtector): Uint8Array | null {
  if (!existsSync(path)) return null;
  const file = parseKeyFile(path);
  const upgrade = file.backend === 'key_file' && protector.backend !== 'key_file';
  if (file.backend !== protector.backend && !upgrade) {
    throw new DataKeyProblem(`the data key is protected by '${file.backend}', which is not available here (this run uses '${protector.backend}')`);
  }
  let key: Uint8Array;
  try {
    const blob = Buffer.from(file.key, 'base64');
    key = upgrade ? new Uint8Array(blob) : protector.unprotect(blob);
  } catch (error) {
    throw new DataKeyProblem(`the data key could not be unwrapped by '${file.backend}' (${(error as Error).message})`);
  }
  if (key.length !== DATA_KEY_BYTES) throw new DataKeyProblem(`the data key has ${key.length} bytes instead of ${DATA_KEY_BYTES}`);
  if (upgrade) writeKeyFile(path, protector, key);
  return key;
}
