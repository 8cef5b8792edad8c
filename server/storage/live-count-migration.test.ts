import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { makeTempDir } from '../../tests/harness/authority/test-authority.ts';
import { UNDO_AUDIT, UNDO_ENDED_BY_AND_KIND, UNDO_TRIALS, UNDO_CUSTOMERS, UNDO_LIVE_COUNT } from '../../tests/harness/authority/undo-migrations.ts';
import { openSqliteStorage } from './sqlite-storage.ts';

/* Migration 5: each license keeps its live-activation count; a file from before is counted once. */

const FP = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };

test('a version-4 database gets each license its live count, ended activations left out', async (t) => {
  const dir = makeTempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'keyhole.db');
  let storage = openSqliteStorage(path);
  const plan = await storage.createPlan({ name: 'Pro', activationLimit: null, expiry: null, mode: 'online', plugins: [], versions: { min: 0, max: null } }, 1000);
  await storage.createOrder(plan.id, { id: 9, keyHash: 'h', keyCiphertext: new Uint8Array([1]), expiresAt: null, activationLimit: null, plan, createdAt: 1000 });
  const ids = [];
  for (const instanceId of ['A', 'B', 'C']) {
    ids.push((await storage.insertActivation({ licenseId: 9, instanceId, instanceName: null, metadata: {}, fingerprint: FP, at: 2000 })).id);
  }
  await storage.endActivation(ids[0] as number, 3000, 'deactivated');
  await storage.close();

  const db = new Database(path);
  db.exec(`${UNDO_ENDED_BY_AND_KIND}; ${UNDO_TRIALS}; ${UNDO_AUDIT}; ${UNDO_CUSTOMERS}; ${UNDO_LIVE_COUNT}`);
  db.pragma('user_version = 4');
  db.close();

  storage = openSqliteStorage(path);
  try {
    assert.equal(await storage.countLiveActivations(9), 2);
    assert.equal((await storage.findLicenseById(9))?.liveActivations, 2);
    await storage.insertActivation({ licenseId: 9, instanceId: 'D', instanceName: null, metadata: {}, fingerprint: FP, at: 4000 });
    assert.equal(await storage.countLiveActivations(9), 3, 'kept from then on');
  } finally {
    await storage.close();
  }
});
