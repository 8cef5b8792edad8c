import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { makeTempDir } from '../testing/test-authority.ts';
import { decryptKey, encryptKey, hashSecret } from './key-crypto.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { openSqliteStorage } from './sqlite-storage.ts';
import type { PlanTerms } from './storage.ts';

const TERMS: PlanTerms = { name: 'Pro', activationLimit: 2, expiry: null, mode: 'online', plugins: ['reports'], versions: { min: 1, max: null } };
const FP = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };

describe('SQLite storage', () => {
  test('opens in WAL with full sync, applies the migrations once and records the version', () => {
    const dir = makeTempDir();
    try {
      const path = join(dir, 'keyhole.db');
      openSqliteStorage(path).close();
      const storage = openSqliteStorage(path); // second open: nothing to migrate
      storage.close();
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

  test('keeps the key only as hash and ciphertext, and one live slot per instance', () => {
    const dir = makeTempDir();
    const storage = openSqliteStorage(join(dir, 'keyhole.db'));
    try {
      const secret = new Uint8Array(32).fill(9);
      const key = 'KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE';
      const plan = storage.createPlan(TERMS, 1000);
      const license = storage.createOrder(plan.id, {
        id: 77, keyHash: hashSecret(key), keyCiphertext: encryptKey(key, secret), expiresAt: null, activationLimit: 2,
        plan: { id: plan.id, name: plan.name, mode: plan.mode, plugins: plan.plugins, versions: plan.versions, releaseLimit: plan.releaseLimit }, createdAt: 1000,
      });
      assert.notEqual(license, 'id-taken');
      assert.equal(storage.createOrder(plan.id, { ...(license as Exclude<typeof license, 'id-taken'>) }), 'id-taken');
      const found = storage.findLicenseByKeyHash(hashSecret(key));
      assert.equal(found?.id, 77);
      assert.equal(decryptKey(found?.keyCiphertext as Uint8Array, secret), key);
      assert.doesNotMatch(Buffer.from(found?.keyCiphertext as Uint8Array).toString('latin1'), /AAAAA/);

      const a = { licenseId: 77, instanceId: 'I-1', instanceName: null, metadata: {}, fingerprint: FP, at: 2000 };
      storage.insertActivation(a);
      assert.throws(() => storage.insertActivation(a), /UNIQUE/);
      assert.equal(storage.countLiveActivations(77), 1);
      assert.equal(storage.endAllActivations(77, 3000, 'revoked'), 1);
      storage.insertActivation(a);
      assert.equal(storage.findLatestActivation(77, 'I-1')?.endReason, null);
      assert.equal(storage.listActivations(77).length, 2);
    } finally {
      storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a throw inside a transaction leaves nothing behind', () => {
    const dir = makeTempDir();
    const storage = openSqliteStorage(join(dir, 'keyhole.db'));
    try {
      assert.throws(() =>
        storage.transaction(() => {
          storage.createPlan(TERMS, 1);
          throw new Error('rule failed');
        }),
      );
      assert.equal(storage.listPlans().length, 0);
    } finally {
      storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('admin tokens: stored with their expiry, revoked once, last use recorded', () => {
  const dir = makeTempDir();
  const storage = openSqliteStorage(join(dir, 'keyhole.db'));
  try {
    const token = storage.addAdminToken({ tokenHash: 'ab', label: 'ci', createdAt: 1000, expiresAt: 5000 });
    assert.deepEqual([token.expiresAt, token.revokedAt, token.lastUsedAt], [5000, null, null]);
    storage.recordAdminTokenUse(token.id, 2000);
    assert.equal(storage.revokeAdminToken(token.id, 3000), true);
    assert.equal(storage.revokeAdminToken(token.id, 4000), false, 'already revoked');
    assert.deepEqual(storage.listAdminTokens().map((t) => [t.lastUsedAt, t.revokedAt]), [[2000, 3000]]);
  } finally {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
