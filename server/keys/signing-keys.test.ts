import assert from 'node:assert/strict';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pluginCatalog } from '../../shared/product/config.ts';
import { decodeActivationCode } from '../../shared/license/certificate.ts';
import { verifyActivationCode } from '../../shared/license/signing.ts';
import { initDataDir } from '../authority-data.ts';
import { systemClock } from '../clock.ts';
import { dataDirLayout } from '../data-dir.ts';
import { loadProductConfig } from '../product-config.ts';
import { createAuthority } from '../authority.ts';
import * as admin from '../licensing/admin-service.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';
import type { PlanTerms } from '../storage/storage.ts';
import { jsonClient, makeTempDir, newInstanceId, startTestAuthority } from '../../tests/harness/authority/test-authority.ts';
import { createSigningKeyRing } from './signing-key-ring.ts';
import { createSigningKey, loadSigningKeys } from './signing-keys.ts';

const product = loadProductConfig();
const TERMS: PlanTerms = { name: 'Pro', activationLimit: 5, expiry: null, mode: 'online', plugins: [], versions: { min: 0, max: null } };

test('init writes the key 0600; after a rotation the newest key signs and both are published', async () => {
  const dir = makeTempDir();
  try {
    await initDataDir(dir, product, systemClock);
    const layout = dataDirLayout(dir);
    assert.equal(statSync(join(layout.signingKeys, '0.pem')).mode & 0o777, 0o600);
    assert.equal(statSync(layout.secret).mode & 0o777, 0o600);
    const storage = openSqliteStorage(layout.database);
    await createSigningKey(layout, storage, systemClock.now() + 1);
    await storage.close();

    const authority = await createAuthority({ dataDir: dir, productConfig: product, rateLimits: false });
    const url = await authority.listen();
    try {
      assert.deepEqual(authority.keySet.keys.map((k) => k.id), [0, 1]);
      const plan = await admin.createPlan(authority.context, { ...TERMS });
      const { key } = await admin.createOrder(authority.context, plan.id);
      const res = await jsonClient(url, '').post('/license/activate', { license_key: key, instance_id: newInstanceId() });
      assert.equal(decodeActivationCode(res.body.certificate, pluginCatalog(product)).payload.keyId, 1);
      await verifyActivationCode(res.body.certificate, authority.keySet, pluginCatalog(product));
    } finally {
      await authority.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the well-known document lists every published key with its id', async () => {
  const t = await startTestAuthority();
  try {
    const res = await fetch(`${t.url}/.well-known/keyhole.json`).then((r) => r.json());
    assert.equal(res.product_id, product.productId);
    assert.deepEqual(res.keys, t.authority.keySet.keys.map((k) => ({ id: k.id, public_key: k.publicKey })));
    assert.equal(Buffer.from(res.keys[0].public_key, 'base64url').length, 32);
  } finally {
    await t.close();
  }
});


test('a running process reads the keys from the database at most once per interval, then follows a rotation', async () => {
  const dir = makeTempDir();
  try {
    await initDataDir(dir, product, systemClock);
    const layout = dataDirLayout(dir);
    const storage = openSqliteStorage(layout.database);
    let clock = 0;
    const ring = createSigningKeyRing(layout, storage, await loadSigningKeys(layout, storage), 1000, () => clock);
    await createSigningKey(layout, storage, systemClock.now() + 1);

    clock = 999;
    await ring.refresh();
    assert.deepEqual([ring.current.id, ring.published.length], [0, 1], 'within the interval the keys in use are kept');
    clock = 1000;
    await Promise.all([ring.refresh(), ring.refresh()]);
    assert.deepEqual([ring.current.id, ring.published.map((k) => k.id)], [1, [0, 1]], 'after it, the rotation is seen');
    await storage.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
