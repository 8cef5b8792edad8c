import type Database from 'better-sqlite3';
import { SetupError } from '../setup-error.ts';

/*
 * The schema, as numbered steps. `PRAGMA user_version` records the last step applied; opening a
 * database applies the missing ones, each in its own transaction. Never edit a shipped step: add
 * the next one.
 */

const MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE plans (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        activation_limit INTEGER,
        expiry_value INTEGER,
        expiry_unit TEXT CHECK (expiry_unit IN ('days', 'months', 'years')),
        mode TEXT NOT NULL CHECK (mode IN ('online', 'airgapped', 'offline')),
        plugins TEXT NOT NULL,
        versions_min INTEGER NOT NULL,
        versions_max INTEGER,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE orders (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_id INTEGER NOT NULL REFERENCES plans(id),
        created_at INTEGER NOT NULL
      );
      CREATE TABLE licenses (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL UNIQUE REFERENCES orders(id),
        key_hash TEXT NOT NULL UNIQUE,
        key_ciphertext BLOB NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'deactivated')),
        expires_at INTEGER,
        activation_limit INTEGER,
        plan TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        deactivated_at INTEGER
      );
      CREATE TABLE activations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        license_id INTEGER NOT NULL REFERENCES licenses(id),
        instance_id TEXT NOT NULL,
        instance_name TEXT,
        metadata TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        ended_at INTEGER,
        end_reason TEXT CHECK (end_reason IN ('deactivated', 'revoked'))
      );
      -- One live slot per instance and license, whatever the code above does.
      CREATE UNIQUE INDEX activations_live ON activations(license_id, instance_id) WHERE ended_at IS NULL;
      CREATE INDEX activations_by_instance ON activations(license_id, instance_id, id);
      CREATE TABLE admin_tokens (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        token_hash TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      -- Facts about the data dir itself, e.g. which product it serves.
      CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE signing_keys (
        id INTEGER PRIMARY KEY CHECK (id BETWEEN 0 AND 63),
        public_key TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- Issue 5: the digest of the last certificate issued to each activation (online activate or
      -- validate, offline activation). An offline deactivation code carries the digest of the
      -- certificate the machine removed; it frees the slot only when the two agree.
      ALTER TABLE activations ADD COLUMN certificate_digest TEXT;
    `,
  },
  {
    version: 3,
    sql: `
      -- How many slots the customer may free per rolling period (both NULL = no cap). Plans and
      -- sold licenses from before get the default of 3 per 30 days, licenses in their plan snapshot.
      ALTER TABLE plans ADD COLUMN release_limit_count INTEGER CHECK (release_limit_count >= 1);
      ALTER TABLE plans ADD COLUMN release_limit_days INTEGER CHECK (release_limit_days >= 1);
      UPDATE plans SET release_limit_count = 3, release_limit_days = 30;
      UPDATE licenses SET plan = json_set(plan, '$.releaseLimit', json('{"count":3,"days":30}'));
      -- The releases a limit counts, found without reading a license's whole history.
      CREATE INDEX activations_releases ON activations(license_id, ended_at) WHERE end_reason = 'deactivated';
    `,
  },
  {
    version: 4,
    sql: `
      -- Admin tokens can expire and be revoked; last use is kept to the minute for \`token list\`.
      ALTER TABLE admin_tokens ADD COLUMN expires_at INTEGER;
      ALTER TABLE admin_tokens ADD COLUMN revoked_at INTEGER;
      ALTER TABLE admin_tokens ADD COLUMN last_used_at INTEGER;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Brings the schema up to date; refuses a database written by a newer Keyhole. */
export function applyMigrations(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new SetupError(
      `the database has schema version ${current}, newer than this Keyhole understands (${SCHEMA_VERSION}); upgrade Keyhole`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
