import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { initDataDir } from '../../server/authority-data.ts';
import { systemClock } from '../../server/clock.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { jsonClient, makeTempDir, newInstanceId, PLAN } from '../harness/authority/test-authority.ts';
import { spawnAuthority } from '../harness/authority/spawn-authority.ts';

test('activations acknowledged with 200 survive kill -9 mid-burst, none duplicated', async () => {
  const dataDir = makeTempDir('keyhole-durability-');
  const { adminToken } = await initDataDir(dataDir, loadProductConfig(), systemClock);
  let server = await spawnAuthority(dataDir);
  try {
    let client = jsonClient(server.url, adminToken as string);
    const { key, id } = await client.order({ ...PLAN, activation_limit: null });

    const acknowledged: string[] = [];
    let failed = 0;
    let killed = false;
    const worker = async () => {
      while (!killed || failed === 0) {
        try {
          const instance = newInstanceId();
          const res = await client.post('/license/activate', { license_key: key, instance_id: instance });
          if (res.status === 200) acknowledged.push(instance);
          else throw new Error(`unexpected ${res.status}`);
        } catch {
          failed++;
          return;
        }
        if (acknowledged.length >= 60 && !killed) {
          killed = true;
          void server.kill9(); // while the other workers still have requests in flight
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await server.kill9();
    assert.ok(acknowledged.length >= 60);

    server = await spawnAuthority(dataDir);
    client = jsonClient(server.url, adminToken as string);
    const listed = await client.admin('GET', `/admin/licenses/${id}/activations`);
    const stored = listed.body.activations.map((a: { instance_id: string }) => a.instance_id) as string[];
    assert.equal(new Set(stored).size, stored.length, 'no activation stored twice');
    const missing = acknowledged.filter((instance) => !stored.includes(instance));
    assert.deepEqual(missing, [], 'every acknowledged activation is stored');
    // Anything more was committed while its answer was lost in the kill: at most one per worker.
    assert.ok(stored.length - acknowledged.length <= 8);
    const again = await client.post('/license/activate', { license_key: key, instance_id: acknowledged[0] });
    assert.equal(again.status, 200, 'the restarted server serves the same data');
    assert.equal(again.body.license.activations_used, stored.length);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
