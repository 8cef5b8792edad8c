import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../server/storage/migrations.ts';
import { makeTempDir } from './test-authority.ts';

/*
 * Test support: SQL that turns a database file back into what an older Keyhole wrote, so the
 * migration tests can start from real old files. One entry per migration, newest first to apply.
 */

/** A new SQLite file at schema `version`, built by the steps up to it, open for a test to fill as that Keyhole would; removed after the test. */
export function databaseAt(t: TestContext, version: number): { path: string; db: Database.Database } {
  const dir = makeTempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'keyhole.db');
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) db.exec(migration.sqlite);
  db.pragma(`user_version = ${version}`);
  return { path, db };
}

/** Undoes migration 9 (who ended an activation, each order's kind). */
export const UNDO_ENDED_BY_AND_KIND = `
  DROP INDEX orders_kind;
  ALTER TABLE orders DROP COLUMN kind;
  ALTER TABLE activations DROP COLUMN ended_by`;

/** Undoes migration 8's trials table (the widened plan mode check stays: older steps never write 'trial'). */
export const UNDO_TRIALS = 'DROP TABLE trials';

/** Undoes migration 7 (the audit log, refusal counts, the activations-by-time index). */
export const UNDO_AUDIT = `
  DROP TABLE audit_events;
  DROP TABLE refusal_counts;
  DROP INDEX activations_created`;

/** Undoes migration 6 (customers on orders, key groups, search indexes, console users). */
export const UNDO_CUSTOMERS = [
  'DROP TABLE console_sessions',
  'DROP TABLE console_sign_in_links',
  'DROP TABLE console_users',
  ...['orders_idempotency', 'orders_reference', 'orders_email', 'orders_name', 'orders_plan', 'licenses_key_groups', 'licenses_expiry', 'activations_instance']
    .map((index) => `DROP INDEX ${index}`),
  ...['customer_email', 'customer_name', 'customer_reference', 'email_search', 'name_search', 'idempotency_key']
    .map((column) => `ALTER TABLE orders DROP COLUMN ${column}`),
  ...['key_head', 'key_tail'].map((column) => `ALTER TABLE licenses DROP COLUMN ${column}`),
].join(';\n');

/** Undoes migration 5 (the live-activation count on each license). */
export const UNDO_LIVE_COUNT = `
  DROP TRIGGER activations_live_insert;
  DROP TRIGGER activations_live_end;
  ALTER TABLE licenses DROP COLUMN live_activations`;

/** Undoes migration 4 (admin token expiry, revocation and last use). */
export const UNDO_TOKEN_LIFECYCLE = ['expires_at', 'revoked_at', 'last_used_at']
  .map((column) => `ALTER TABLE admin_tokens DROP COLUMN ${column}`)
  .join(';\n');

/** Undoes migration 3 (release limits). */
export const UNDO_RELEASE_LIMITS = `
  DROP INDEX activations_releases;
  ALTER TABLE plans DROP COLUMN release_limit_count;
  ALTER TABLE plans DROP COLUMN release_limit_days;
  UPDATE licenses SET plan = json_remove(plan, '$.releaseLimit')`;
