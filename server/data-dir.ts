import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from './setup-error.ts';

/*
 * The authority's data dir: everything it owns lives in one folder, so a backup is one copy and a
 * test is one temp dir. Secrets are files readable by the owner only (0600) in a 0700 folder.
 *
 *   keyhole.db            SQLite database (WAL: keyhole.db-wal and keyhole.db-shm beside it)
 *   secret.key            32 random bytes; encrypts license keys at rest (aes-256-gcm)
 *   signing-keys/<id>.pem Ed25519 private keys, PKCS8 PEM
 */

export const DATABASE_FILE = 'keyhole.db';

export interface DataDirLayout {
  readonly root: string;
  readonly database: string;
  readonly secret: string;
  readonly signingKeys: string;
}

export function dataDirLayout(root: string): DataDirLayout {
  return {
    root,
    database: join(root, DATABASE_FILE),
    secret: join(root, 'secret.key'),
    signingKeys: join(root, 'signing-keys'),
  };
}

/** True when `authority init` has run in this folder. */
export function isInitialized(root: string): boolean {
  const layout = dataDirLayout(root);
  return existsSync(layout.database) && existsSync(layout.secret);
}

/** Creates the folders (0700) and the at-rest secret; never overwrites an existing secret. */
export function prepareDataDir(root: string): DataDirLayout {
  const layout = dataDirLayout(root);
  mkdirSync(layout.signingKeys, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700);
  if (!existsSync(layout.secret)) writePrivateFile(layout.secret, randomBytes(32));
  return layout;
}

/** Opens an initialized data dir, or explains that `authority init` has to run first. */
export function requireDataDir(root: string): DataDirLayout {
  if (!isInitialized(root)) {
    throw new SetupError(`no initialized authority data dir at ${root}: run "keyhole authority init --data ${root}"`);
  }
  return dataDirLayout(root);
}

export function readSecret(layout: DataDirLayout): Buffer {
  const secret = readFileSync(layout.secret);
  if (secret.length !== 32) throw new SetupError(`${layout.secret} must hold exactly 32 bytes`);
  return secret;
}

/** Writes a file only its owner can read; `wx` so an existing secret is never replaced by accident. */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}
