import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { databaseAt } from '../../tests/harness/authority/undo-migrations.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { openSqliteStorage } from './sqlite-storage.ts';

/* Migration 8: SQLite rebuilds the plans table so a plan may be a trial; sold orders keep their plan. */

test('a version-6 database keeps its plans, their ids and the orders that point at them, and then takes trial plans', async (t) => {
  const { path, db } = databaseAt(t, 6);
  db.exec(`INSERT INTO plans (id, name, mode, plugins, versions_min, created_at, release_limit_count, release_limit_days) VALUES (3, 'Pro', 'online', '["reports"]', 0, 1000, 3, 30)`);
  db.exec(`INSERT INTO orders (id, plan_id, created_at) VALUES (1, 3, 1000)`);
  assert.throws(() => db.exec(`INSERT INTO plans (name, mode, plugins, versions_min, created_at) VALUES ('Trial', 'trial', '[]', 0, 1000)`), /CHECK constraint/);
  db.close();

  const storage = openSqliteStorage(path);
  try {
    const kept = await storage.findPlan(3);
    assert.deepEqual([kept?.name, kept?.mode, kept?.plugins, kept?.releaseLimit], ['Pro', 'online', ['reports'], { count: 3, days: 30 }]);
    const trial = await storage.createPlan({ name: 'Trial', activationLimit: 1, expiry: { value: 14, unit: 'days' }, mode: 'trial', plugins: [], versions: { min: 0, max: null } }, 2000);
    assert.equal(trial.mode, 'trial');
    assert.equal(trial.id, 4, 'ids go on after the kept ones');
  } finally {
    await storage.close();
  }
  const check = new Database(path, { readonly: true });
  try {
    assert.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.deepEqual(check.pragma('foreign_key_check'), [], 'every order still points at an existing plan');
    assert.deepEqual(check.prepare('SELECT plan_id FROM orders').all(), [{ plan_id: 3 }]);
  } finally {
    check.close();
  }
});
