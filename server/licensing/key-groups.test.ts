import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { redactLicenseKey } from '../../shared/format/license-key.ts';
import { createTestDatabase } from '../../tests/harness/authority/postgres-test-database.ts';
import { makeTempDir } from '../../tests/harness/authority/test-authority.ts';
import { initDataDir, openDataDir } from '../authority-data.ts';
import { systemClock } from '../clock.ts';
import { loadProductConfig } from '../product-config.ts';
import { encryptKey, hashSecret } from '../storage/key-crypto.ts';
import { openPostgresStorage } from '../storage/postgres-storage.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';
import type { Storage } from '../storage/storage.ts';
import { matchFor, searchOrders } from './admin-orders.ts';
import * as admin from './admin-service.ts';
import { backfillKeyGroups, keyGroupsOf } from './key-groups.ts';

/*
 * Licenses sold before key groups were kept are found from a support bundle's redacted key once
 * the data dir has been opened: the backfill reads each key with the secret, on both storages,
 * and running it again (or beside another process) changes nothing.
 */

const SECRET = new Uint8Array(32).fill(3);
const KEYS = ['KH-M57YF-BBBBB-CCCCC-DDDDD-S8P0T', 'KH-Q2R4T-BBBBB-CCCCC-DDDDD-Z9X8W'];

/** Licenses as an older Keyhole sold them: no key groups stored. */
async function sellWithoutGroups(storage: Storage): Promise<number[]> {
  const plan = await storage.createPlan({ name: 'Pro', activationLimit: null, expiry: null, mode: 'online', plugins: [], versions: { min: 0, max: null } }, 1000);
  const snapshot = { id: plan.id, name: plan.name, mode: plan.mode, plugins: plan.plugins, versions: plan.versions, releaseLimit: plan.releaseLimit };
  const ids = [];
  for (const [i, key] of KEYS.entries()) {
    const sold = await storage.createOrder(plan.id, { id: 100 + i, keyHash: hashSecret(key), keyCiphertext: encryptKey(key, SECRET), expiresAt: null, activationLimit: null, plan: snapshot, createdAt: 1000 });
    assert.notEqual(sold, 'id-taken');
    ids.push(100 + i);
  }
  // A row whose stored key cannot be read must not stop the others (or start-up).
  await storage.createOrder(plan.id, { id: 200, keyHash: 'damaged', keyCiphertext: new Uint8Array(40), expiresAt: null, activationLimit: null, plan: snapshot, createdAt: 1000 });
  return ids;
}

const BACKENDS: readonly { name: string; open(t: TestContext): Promise<{ storage: Storage; close(): Promise<void> } | null> }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = makeTempDir();
      const storage = openSqliteStorage(join(dir, 'keyhole.db'));
      return { storage, close: async () => { await storage.close(); rmSync(dir, { recursive: true, force: true }); } };
    },
  },
  {
    name: 'PostgreSQL',
    async open(t) {
      const database = await createTestDatabase(t);
      if (!database) return null;
      const storage = await openPostgresStorage(database.url);
      return { storage, close: async () => { await storage.close(); await database.drop(); } };
    },
  },
];

for (const backend of BACKENDS) {
  describe(`key groups backfill (${backend.name})`, () => {
    test('fills in the groups of every readable key once; a second run finds nothing to do', async (t) => {
      const opened = await backend.open(t);
      if (!opened) return;
      const { storage } = opened;
      try {
        const ids = await sellWithoutGroups(storage);
        assert.equal(await backfillKeyGroups(storage, SECRET), 2);
        for (const [i, key] of KEYS.entries()) {
          const found = await storage.searchOrders({ match: { keyGroups: keyGroupsOf(key) }, now: 0, limit: 10 });
          assert.deepEqual(found.map((o) => o.license.id), [ids[i]]);
        }
        assert.equal(await backfillKeyGroups(storage, SECRET), 0, 'nothing left to fill');
        assert.deepEqual((await storage.listLicensesWithoutKeyGroups(0, 10)).map((l) => l.id), [200], 'only the unreadable one');
      } finally {
        await opened.close();
      }
    });
  });
}

test('opening the data dir (as the authority and the CLI do at start) makes an old license findable by its redacted key', async (t) => {
  const dir = makeTempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const product = loadProductConfig();
  await initDataDir(dir, product, systemClock);
  let opened = await openDataDir(dir, product, systemClock);
  const plan = await admin.createPlan(opened.context, { name: 'Pro', activationLimit: null, expiry: null, mode: 'online', plugins: [], versions: { min: 0, max: null } });
  const license = await admin.createOrder(opened.context, plan.id);
  await opened.close();
  // As an older Keyhole left it: the groups were never stored.
  const db = new Database(join(dir, 'keyhole.db'));
  db.exec('UPDATE licenses SET key_head = NULL, key_tail = NULL');
  db.close();

  opened = await openDataDir(dir, product, systemClock);
  try {
    const page = await searchOrders(opened.context, { q: redactLicenseKey(license.key), limit: 10 });
    assert.deepEqual(page.orders.map((o) => o.license.id), [license.id]);
    assert.ok(matchFor(redactLicenseKey(license.key)).keyGroups, 'searched by its groups, not its whole key');
  } finally {
    await opened.close();
  }
});
