import assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { initDataDir, openDataDir } from './authority-data.ts';
import { systemClock } from './clock.ts';
import { checkDataDir } from './data-dir-check.ts';
import * as admin from './licensing/admin-service.ts';
import { loadProductConfig } from './product-config.ts';
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
    assert.deepEqual((await checkDataDir(mine)).map((c) => [c.name, c.problems]), [['database', []], ['secret', []], ['signing keys', []]]);

    writeFileSync(join(mine, 'secret.key'), randomBytes(32));
    cpSync(join(other, 'signing-keys', '0.pem'), join(mine, 'signing-keys', '0.pem'));
    const [database, secret, keys] = await checkDataDir(mine);
    assert.deepEqual(database?.problems, []);
    assert.match(secret?.problems[0] ?? '', /secret\.key does not open the license keys stored in the database/);
    assert.match(keys?.problems[0] ?? '', /signing key 0: .*0\.pem is not the key the database publishes/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
