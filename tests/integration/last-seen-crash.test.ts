import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { initDataDir } from '../../server/authority-data.ts';
import { systemClock } from '../../server/clock.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { jsonClient, makeTempDir, newInstanceId, PLAN } from '../harness/authority/test-authority.ts';
import { spawnAuthority } from '../harness/authority/spawn-authority.ts';

/*
 * Last-seen times are written in batches, activations before their 200: a kill -9 right after both
 * keeps the activation and loses at most the last second of last-seen times.
 */

const HOUR = 3_600_000;

test('kill -9 right after a 200 activate keeps the activation; a just-noted last-seen time is either written or lost, nothing else', async () => {
  const dataDir = makeTempDir('keyhole-last-seen-');
  const database = join(dataDir, 'keyhole.db');
  const { adminToken } = await initDataDir(dataDir, loadProductConfig(), systemClock);
  let server = await spawnAuthority(dataDir);
  try {
    let client = jsonClient(server.url, adminToken as string);
    const { key, id } = await client.order({ ...PLAN, activation_limit: null });
    const old = newInstanceId();
    assert.equal((await client.post('/license/activate', { license_key: key, instance_id: old })).status, 200);
    await server.stop();

    // The everyday validate: the activation was last seen hours ago.
    const hoursAgo = Date.now() - 3 * HOUR;
    const db = new Database(database);
    db.prepare('UPDATE activations SET last_seen_at = ?').run(hoursAgo);
    db.close();

    server = await spawnAuthority(dataDir);
    client = jsonClient(server.url, adminToken as string);
    const validated = await client.post('/license/validate', { license_key: key, instance_id: old });
    assert.equal(validated.body.valid, true);
    const fresh = newInstanceId();
    assert.equal((await client.post('/license/activate', { license_key: key, instance_id: fresh })).status, 200);
    await server.kill9();

    server = await spawnAuthority(dataDir);
    client = jsonClient(server.url, adminToken as string);
    const listed = (await client.admin('GET', `/admin/licenses/${id}/activations`)).body.activations as { instance_id: string; last_seen_at: string }[];
    assert.deepEqual(listed.map((a) => a.instance_id).sort(), [old, fresh].sort(), 'the activation answered with 200 survived');
    const lastSeen = Date.parse(listed.find((a) => a.instance_id === old)?.last_seen_at as string);
    assert.ok(lastSeen === hoursAgo || lastSeen === Date.parse(validated.body.activation.last_seen_at), 'the old time, or the one the validate noted');
    const again = await client.post('/license/validate', { license_key: key, instance_id: old });
    assert.equal(again.body.valid, true, 'the instance still validates');
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
