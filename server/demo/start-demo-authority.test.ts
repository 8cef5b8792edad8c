import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

test('the demo prints a console sign-in link that signs the demo vendor in as an admin, on every start', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyhole-demo-console-'));
  try {
    for (let run = 0; run < 2; run++) {
      const demo = await startDemoAuthority({ dataDir });
      try {
        assert.equal(demo.console.url, `${demo.url}/console`);
        const link = new URL(demo.console.signInLink);
        assert.equal(link.pathname, '/console/set-password');
        const token = new URLSearchParams(link.hash.slice(1)).get('token');
        const set = await fetch(`${demo.url}/console/api/set-password`, { method: 'POST', body: JSON.stringify({ token, password: 'demo vendor password' }) });
        assert.equal(set.status, 200, `run ${run}`);
        const cookie = (set.headers.get('set-cookie') ?? '').split(';')[0] as string;
        const session = (await (await fetch(`${demo.url}/console/api/session`, { headers: { cookie } })).json()) as { user: { email: string; role: string } };
        assert.deepEqual(session.user, { email: demo.console.email, role: 'admin' });
      } finally {
        await demo.close();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
