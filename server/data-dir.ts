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
 *   log-hash.key          32 random bytes; keys the license hash in the request log, so the log
 *                         cannot be matched to license ids by hashing every id (made if missing)
 */

export const DATABASE_FILE = 'keyhole.db';

export interface DataDirLayout {
  readonly root: string;
  readonly database: string;
  readonly secret: string;
  readonly signingKeys: string;
  readonly logHashKey: string;
}

export function dataDirLayout(root: string): DataDirLayout {
  return {
    root,
    database: join(root, DATABASE_FILE),
    secret: join(root, 'secret.key'),
    signingKeys: join(root, 'signing-keys'),
    logHashKey: join(root, 'log-hash.key'),
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
  readLogHashKey(layout);
  return layout;
}

/**
 * The request log's hash key, made on first use: a data dir from before it existed gets one at its
 * next start. Losing it only changes the hashes new lines carry; nothing else depends on it.
 */
export function readLogHashKey(layout: DataDirLayout): Buffer {
  if (!existsSync(layout.logHashKey)) {
    try {
      writePrivateFile(layout.logHashKey, randomBytes(32));
    } catch (error) {
      // Another process starting on the same data dir made it first: use theirs.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new SetupError(`cannot create ${layout.logHashKey} (${code ?? (error as Error).message}): the data dir must be writable by the authority`);
    }
  }
  const key = readFileSync(layout.logHashKey);
  if (key.length !== 32) {
    throw new SetupError(`${layout.logHashKey} must hold exactly 32 bytes (it is damaged): move it aside and start again; only the license hashes of new log lines change`);
  }
  return key;
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
