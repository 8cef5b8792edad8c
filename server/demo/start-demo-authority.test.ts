import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { pluginCatalog } from '../../shared/product/config.ts';
import { verifyActivationCode } from '../../shared/license/signing.ts';
import { jsonClient, newInstanceId } from '../../tests/harness/authority/test-authority.ts';
import { startDemoAuthority } from './start-demo-authority.ts';

test('the demo authority serves a key for every path, stable across runs', async () => {
  const demo = await startDemoAuthority();
  try {
    const { post, admin } = jsonClient(demo.url, demo.adminToken);
    const key = (name: string) => demo.keys.find((k) => k.name === name)?.key as string;
    const activate = (name: string) => post('/license/activate', { license_key: key(name), instance_id: newInstanceId() });

    const online = await activate('online');
    assert.equal(online.status, 200);
    assert.equal(demo.productConfig.authorityUrl, demo.url);
    const keySet = { productId: demo.productConfig.productId, keys: demo.productConfig.publicKeys };
    const { payload } = await verifyActivationCode(online.body.certificate, keySet, pluginCatalog(demo.productConfig));
    assert.ok(payload.plugins.length >= 3);
    const airgapped = await verifyActivationCode((await activate('airgapped')).body.certificate, keySet, pluginCatalog(demo.productConfig));
    assert.equal(airgapped.payload.mode, 'airgapped');
    assert.equal(airgapped.payload.leaseUntil, null);
    assert.deepEqual((await activate('few-plugins')).body.license.plugins, ['reports']);
    assert.equal((await activate('expired')).body.error.code, 'LICENSE_EXPIRED');
    assert.equal((await activate('deactivated')).body.error.code, 'LICENSE_DEACTIVATED');
    assert.equal((await activate('limit-reached')).body.error.code, 'ACTIVATION_LIMIT_REACHED');
    assert.equal((await activate('offline-only')).body.error.code, 'OFFLINE_ONLY_PLAN');
    assert.equal((await admin('GET', '/admin/plans')).status, 200);
  } finally {
    await demo.close();
  }
  assert.equal(existsSync(demo.dataDir), false, 'the temp data dir is removed');

  const again = await startDemoAuthority();
  try {
    assert.deepEqual(again.keys, demo.keys);
  } finally {
    await again.close();
  }
});
