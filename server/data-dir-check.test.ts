import assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { randomBytes } from 'node:crypto';
import { initDataDir, openDataDir } from './authority-data.ts';
import { systemClock } from './clock.ts';
import { checkDataDir } from './data-dir-check.ts';
import * as admin from './licensing/admin-service.ts';
import { loadProductConfig } from './product-config.ts';
import { createTestDatabase } from '../tests/harness/authority/postgres-test-database.ts';
import { makeTempDir } from '../tests/harness/authority/test-authority.ts';

const product = loadProductConfig();

test('check names a secret.key and a signing key that belong to another data dir', async () => {
  const root = makeTempDir();
  try {
    const [mine, other] = [join(root, 'mine'), join(root, 'other')];
    await initDataDir(mine, product, systemClock);
    await initDataDir(other, product, systemClock);
    const opened = await openDataDir(mine, product, systemClock);
    try {
      const plan = await admin.createPlan(opened.context, { name: 'Pro', activationLimit: null, expiry: null, mode: 'online', plugins: [], versions: { min: 0, max: null } });
      await admin.createOrder(opened.context, plan.id);
    } finally {
      await opened.close();
    }
    assert.deepEqual((await checkDataDir({ dataDir: mine })).map((c) => [c.name, c.problems]), [['database', []], ['secret', []], ['signing keys', []]]);

    writeFileSync(join(mine, 'secret.key'), randomBytes(32));
    cpSync(join(other, 'signing-keys', '0.pem'), join(mine, 'signing-keys', '0.pem'));
    const [database, secret, keys] = await checkDataDir({ dataDir: mine });
    assert.deepEqual(database?.problems, []);
    assert.match(secret?.problems[0] ?? '', /secret\.key does not open the license keys stored in the database/);
    assert.match(keys?.problems[0] ?? '', /signing key 0: .*0\.pem is not the key the database publishes/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/** A data dir (on `databaseUrl`, or its own SQLite file) that has sold one license, so there is a key to open. */
async function dataDirWithALicense(dataDir: string, databaseUrl?: string): Promise<void> {
  await initDataDir(dataDir, product, systemClock, databaseUrl);
  const opened = await openDataDir(dataDir, product, systemClock, databaseUrl);
  try {
    const plan = await admin.createPlan(opened.context, { name: 'Pro', activationLimit: null, expiry: null, mode: 'online', plugins: [], versions: { min: 0, max: null } });
    await admin.createOrder(opened.context, plan.id);
  } finally {
    await opened.close();
  }
}

async function refusesAWrongSecret(t: TestContext, databaseUrl?: string): Promise<void> {
  const dataDir = makeTempDir();
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  await dataDirWithALicense(dataDir, databaseUrl);
  assert.deepEqual((await checkDataDir({ dataDir, databaseUrl })).map((c) => [c.name, c.problems]), [['database', []], ['secret', []], ['signing keys', []]]);

  writeFileSync(join(dataDir, 'secret.key'), randomBytes(32));
  await assert.rejects(openDataDir(dataDir, product, systemClock, databaseUrl), /secret\.key does not open the license keys stored in the database .*start with the secret\.key this database was created with/);
  const secret = (await checkDataDir({ dataDir, databaseUrl })).find((c) => c.name === 'secret');
  assert.match(secret?.problems[0] ?? '', /secret\.key does not open the license keys/);
}

test('a secret.key from elsewhere is refused at start (SQLite), before any key is stored under it', (t) => refusesAWrongSecret(t));

test('on PostgreSQL too: check reads the database, and a wrong secret.key is refused at start and named by check', async (t) => {
  const database = await createTestDatabase(t);
  if (!database) return;
  t.after(() => database.drop());
  await refusesAWrongSecret(t, database.url);
});
