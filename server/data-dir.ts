import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from './setup-error.ts';

/*
 * The authority's data dir: everything it owns lives in one folder, so a backup is one copy and a
 * test is one temp dir. Secrets are files readable by the owner only (0600) in a 0700 folder.
 *
 *   keyhole.db            SQLite database (WAL: keyhole.db-wal and keyhole.db-shm beside it);
 *                         absent when the authority runs on PostgreSQL (--database), which holds it instead
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

/** True when the folder holds a database: init must never write there (it would replace the keys). */
export function holdsDatabase(root: string): boolean {
  return existsSync(dataDirLayout(root).database);
}

/** Where the README explains restoring a lost file; every "file missing" message points there. */
export const RESTORE_ADVICE = 'restore it from your backup (README, "Backup and restore")';

/** Creates the folders (0700) and the at-rest secret; never overwrites an existing secret. */
export function prepareDataDir(root: string): DataDirLayout {
  const layout = dataDirLayout(root);
  mkdirSync(layout.signingKeys, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700);
  if (!existsSync(layout.secret)) writePrivateFile(layout.secret, randomBytes(32));
  return layout;
}

/**
 * Opens an initialized data dir. Only a folder without a database is new (run init); a database
 * without its secret is a live authority that lost a file, and re-initialising would make every
 * stored key unreadable, so the message says to restore the file instead.
 */
export function requireDataDir(root: string): DataDirLayout {
  const layout = dataDirLayout(root);
  if (!holdsDatabase(root)) {
    throw new SetupError(`no authority data dir at ${root} (no ${DATABASE_FILE}): to create one, run "keyhole authority init --data ${root}"`);
  }
  requireSecretFile(layout, DATABASE_FILE);
  return layout;
}

/** The secret must be there once a database holds keys it encrypted; `database` names that database. */
export function requireSecretFile(layout: DataDirLayout, database: string): void {
  if (!existsSync(layout.secret)) {
    throw new SetupError(`${layout.secret} is missing: without it the license keys stored in ${database} cannot be read; ${RESTORE_ADVICE}`);
  }
}

export function readSecret(layout: DataDirLayout): Buffer {
  const secret = readFileSync(layout.secret);
  if (secret.length !== 32) throw new SetupError(`${layout.secret} must hold exactly 32 bytes (it is damaged): ${RESTORE_ADVICE}`);
  return secret;
}

/** Writes a file only its owner can read; `wx` so an existing secret is never replaced by accident. */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}
