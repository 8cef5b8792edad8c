import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { makeTempDir } from '../../tests/harness/authority/test-authority.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { openSqliteStorage } from './sqlite-storage.ts';

/* What only the SQLite file has; the behaviour both backends share is in storage-contract.test.ts. */

describe('SQLite storage', () => {
  test('opens in WAL with full sync, applies the migrations once and records the version', async () => {
    const dir = makeTempDir();
    try {
      const path = join(dir, 'keyhole.db');
      await openSqliteStorage(path).close();
      const storage = openSqliteStorage(path); // second open: nothing to migrate
      await storage.close();
      const db = new Database(path, { readonly: true });
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses a database from a newer Keyhole', () => {
    const dir = makeTempDir();
    try {
      const path = join(dir, 'keyhole.db');
      const db = new Database(path);
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      assert.throws(() => openSqliteStorage(path), /newer than this Keyhole understands/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
