import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { makeTempDir } from '../../tests/harness/authority/test-authority.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { UNDO_AUDIT, UNDO_ENDED_BY_AND_KIND, UNDO_TRIALS, UNDO_CUSTOMERS, UNDO_LIVE_COUNT, UNDO_RELEASE_LIMITS, UNDO_TOKEN_LIFECYCLE } from '../../tests/harness/authority/undo-migrations.ts';
import { openSqliteStorage } from './sqlite-storage.ts';

/* Migration 2: activations remember the digest of their last certificate (offline deactivation codes prove it). */

const FP = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };

test('a version-1 database gains the certificate digest column and keeps its activations', async (t) => {
  const dir = makeTempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'keyhole.db');
  let storage = openSqliteStorage(path);
  const plan = await storage.createPlan({ name: 'Pro', activationLimit: 2, expiry: null, mode: 'offline', plugins: [], versions: { min: 0, max: null } }, 1000);
  const license = await storage.createOrder(plan.id, { id: 42, keyHash: 'h', keyCiphertext: new Uint8Array([1]), expiresAt: null, activationLimit: 2, plan, createdAt: 1000 });
  assert.notEqual(license, 'id-taken');
  const activation = await storage.insertActivation({ licenseId: 42, instanceId: 'AAAA-BBBB-CCCC-DDDD', instanceName: null, metadata: {}, fingerprint: FP, at: 2000 });
  await storage.close();

  // Turn the file back into what Keyhole wrote before activations kept a digest.
  const db = new Database(path);
  db.exec(`${UNDO_ENDED_BY_AND_KIND}; ${UNDO_TRIALS}; ${UNDO_AUDIT}; ${UNDO_CUSTOMERS}; ${UNDO_LIVE_COUNT}; ${UNDO_TOKEN_LIFECYCLE}; ${UNDO_RELEASE_LIMITS}; ALTER TABLE activations DROP COLUMN certificate_digest`);
  db.pragma('user_version = 1');
  db.close();

  storage = openSqliteStorage(path);
  try {
    const upgraded = await storage.findActivation(activation.id);
    assert.equal(upgraded?.instanceId, 'AAAA-BBBB-CCCC-DDDD');
    assert.equal(upgraded?.certificateDigest, null, 'no certificate issued since the upgrade');
    await storage.transaction((tx) => tx.setCertificateDigest(activation.id, '0123456789abcdef'));
    assert.equal((await storage.findActivation(activation.id))?.certificateDigest, '0123456789abcdef');
  } finally {
    await storage.close();
  }
  const check = new Database(path, { readonly: true });
  assert.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.ok(SCHEMA_VERSION >= 2, 'the digest step is part of the schema');
  check.close();
});
