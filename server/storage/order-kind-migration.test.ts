import assert from 'node:assert/strict';
import { test } from 'node:test';
import { databaseAt } from '../../tests/harness/authority/undo-migrations.ts';
import { openSqliteStorage } from './sqlite-storage.ts';

/* Migration 9: orders from before get their kind from the plan their license was sold under; who ended an old activation stays unknown. */

test('a version-8 database sorts its orders into paid and trial, and keeps old ended activations as "not recorded"', async (t) => {
  const { path, db } = databaseAt(t, 8);
  db.exec(`INSERT INTO plans (id, name, mode, plugins, versions_min, created_at) VALUES (1, 'Pro', 'online', '[]', 0, 1000), (2, 'Studio Trial', 'trial', '[]', 0, 1000)`);
  db.exec(`INSERT INTO orders (id, plan_id, created_at) VALUES (1, 1, 1000), (2, 2, 1000)`);
  const license = db.prepare(`INSERT INTO licenses (id, order_id, key_hash, key_ciphertext, status, plan, created_at) VALUES (?, ?, ?, x'00', 'active', ?, 1000)`);
  license.run(11, 1, 'h1', JSON.stringify({ id: 1, name: 'Pro', mode: 'online', plugins: [], versions: { min: 0, max: null }, releaseLimit: null }));
  license.run(12, 2, 'h2', JSON.stringify({ id: 2, name: 'Studio Trial', mode: 'trial', plugins: [], versions: { min: 0, max: null }, releaseLimit: null }));
  db.exec(`INSERT INTO activations (id, license_id, instance_id, metadata, fingerprint, created_at, last_seen_at, ended_at, end_reason) VALUES (5, 11, 'I-1', '{}', '{}', 1000, 1000, 2000, 'revoked')`);
  db.close();

  const storage = openSqliteStorage(path);
  try {
    const kinds = (await storage.searchOrders({ now: 0, limit: 10 })).map((o) => [o.order.id, o.order.kind]);
    assert.deepEqual(kinds, [[2, 'trial'], [1, 'paid']]);
    assert.deepEqual((await storage.searchOrders({ kind: 'paid', now: 0, limit: 10 })).map((o) => o.order.id), [1]);
    const old = await storage.findActivation(5);
    assert.deepEqual([old?.endReason, old?.endedBy], ['revoked', null]);
  } finally {
    await storage.close();
  }
});
