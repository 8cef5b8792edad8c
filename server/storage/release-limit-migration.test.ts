import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { makeTempDir } from '../../tests/harness/authority/test-authority.ts';
import { UNDO_AUDIT, UNDO_ENDED_BY_AND_KIND, UNDO_TRIALS, UNDO_CUSTOMERS, UNDO_LIVE_COUNT, UNDO_RELEASE_LIMITS, UNDO_TOKEN_LIFECYCLE } from '../../tests/harness/authority/undo-migrations.ts';
import { openSqliteStorage } from './sqlite-storage.ts';

/* Migration 3: plans and the licenses sold from them gain a release limit, the default for old ones. */

test('a version-2 database gives existing plans and sold licenses 3 releases per 30 days', async (t) => {
  const dir = makeTempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'keyhole.db');
  let storage = openSqliteStorage(path);
  const plan = await storage.createPlan({ name: 'Site', activationLimit: 1, expiry: null, mode: 'airgapped', plugins: [], versions: { min: 0, max: null }, releaseLimit: null }, 1000);
  const { createdAt: _, activationLimit: __, expiry: ___, ...snapshot } = plan;
  await storage.createOrder(plan.id, { id: 7, keyHash: 'h', keyCiphertext: new Uint8Array([1]), expiresAt: null, activationLimit: 1, plan: snapshot, createdAt: 1000 });
  await storage.close();

  const db = new Database(path);
  db.exec(`${UNDO_ENDED_BY_AND_KIND}; ${UNDO_TRIALS}; ${UNDO_AUDIT}; ${UNDO_CUSTOMERS}; ${UNDO_LIVE_COUNT}; ${UNDO_TOKEN_LIFECYCLE}; ${UNDO_RELEASE_LIMITS}`);
  db.pragma('user_version = 2');
  assert.equal((db.prepare('SELECT plan FROM licenses').get() as { plan: string }).plan.includes('releaseLimit'), false);
  db.close();

  storage = openSqliteStorage(path);
  try {
    assert.deepEqual((await storage.findPlan(plan.id))?.releaseLimit, { count: 3, days: 30 });
    assert.deepEqual((await storage.findLicenseById(7))?.plan.releaseLimit, { count: 3, days: 30 });
    assert.equal((await storage.findLicenseById(7))?.plan.name, 'Site', 'the rest of the snapshot is kept');
    const next = await storage.createPlan({ name: 'Free', activationLimit: 1, expiry: null, mode: 'online', plugins: [], versions: { min: 0, max: null }, releaseLimit: null }, 2000);
    assert.equal(next.releaseLimit, null, 'a new plan may still have no cap');
  } finally {
    await storage.close();
  }
});
