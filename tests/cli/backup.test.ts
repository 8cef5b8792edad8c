import assert from 'node:assert/strict';
import { closeSync, cpSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { initDataDir, openDataDir } from '../../server/authority-data.ts';
import { systemClock } from '../../server/clock.ts';
import * as admin from '../../server/licensing/admin-service.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { jsonClient, makeTempDir, newInstanceId, PLAN } from '../harness/authority/test-authority.ts';
import { runCli, spawnAuthority } from '../harness/authority/spawn-authority.ts';

/* Backup and restore of a live authority, and a damaged database refused at start. */

const product = loadProductConfig();

test('a backup taken while the authority serves holds every acknowledged activation, and a restore serves them', async () => {
  const root = makeTempDir('keyhole-backup-');
  const live = join(root, 'live');
  const { adminToken } = await initDataDir(live, product, systemClock);
  const server = await spawnAuthority(live);
  let restoredServer;
  try {
    const client = jsonClient(server.url, adminToken as string);
    const { key, id } = await client.order({ ...PLAN, activation_limit: null });
    const acknowledged: string[] = [];
    for (let i = 0; i < 20; i++) {
      const instance = newInstanceId();
      const res = await client.post('/license/activate', { license_key: key, instance_id: instance });
      assert.equal(res.status, 200);
      acknowledged.push(instance);
    }
    assert.ok(statSync(join(live, 'keyhole.db-wal')).size > 0, 'the commits are still in the WAL: a copy of keyhole.db alone would miss them');

    const backupFile = join(root, 'keyhole-backup.db');
    const backup = runCli(['authority', 'backup', '--data', live, '--to', backupFile]);
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stderr, /keep secret\.key and signing-keys\/ too/);
    assert.equal(statSync(backupFile).mode & 0o777, 0o600);
    const again = runCli(['authority', 'backup', '--data', live, '--to', backupFile]);
    assert.equal(again.status, 2, 'never replaces a file');

    // Restore the way the README says: the backup as keyhole.db, plus secret.key and signing-keys/.
    const restored = join(root, 'restored');
    mkdirSync(restored, { mode: 0o700 });
    cpSync(backupFile, join(restored, 'keyhole.db'));
    cpSync(join(live, 'secret.key'), join(restored, 'secret.key'));
    cpSync(join(live, 'signing-keys'), join(restored, 'signing-keys'), { recursive: true });
    const check = runCli(['authority', 'check', '--data', restored]);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /ok +database\nok +secret\nok +signing keys/);

    restoredServer = await spawnAuthority(restored);
    const restoredClient = jsonClient(restoredServer.url, adminToken as string);
    const listed = await restoredClient.admin('GET', `/admin/licenses/${id}/activations`);
    assert.deepEqual(listed.body.activations.map((a: { instance_id: string }) => a.instance_id).sort(), [...acknowledged].sort());
    const validated = await restoredClient.post('/license/activate', { license_key: key, instance_id: acknowledged[0] });
    assert.equal(validated.status, 200, 'the restored authority serves the same license');
  } finally {
    await server.stop();
    await restoredServer?.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a damaged database is refused at start with a clear message, and check names the damage', async () => {
  const root = makeTempDir('keyhole-damaged-');
  try {
    await initDataDir(root, product, systemClock);
    const opened = await openDataDir(root, product, systemClock);
    try {
      const plan = await admin.createPlan(opened.context, { name: 'Pro', activationLimit: null, expiry: null, mode: 'online', plugins: [], versions: { min: 0, max: null } });
      for (let i = 0; i < 200; i++) await admin.createOrder(opened.context, plan.id);
    } finally {
      await opened.close(); // checkpoints the WAL into keyhole.db
    }
    const database = join(root, 'keyhole.db');
    const pages = statSync(database).size / 4096;
    assert.ok(pages > 8);
    // Overwrite every page after the first two (header and schema stay readable) with garbage.
    const fd = openSync(database, 'r+');
    try {
      for (let page = 2; page < pages; page++) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096);
    } finally {
      closeSync(fd);
    }

    const start = runCli(['authority', 'start', '--data', root, '--port', '0']);
    assert.equal(start.status, 3, start.stdout + start.stderr);
    assert.match(start.stderr, /^keyhole: the database .*keyhole\.db is damaged \(.+\); it is not opened\. "keyhole authority check" lists the damage; restore the database from your backup/);
    assert.doesNotMatch(start.stderr, /\n\s+at /, 'no stack trace');

    const check = runCli(['authority', 'check', '--data', root]);
    assert.equal(check.status, 3);
    assert.match(check.stdout, /PROBLEM +database: .*keyhole\.db: /);
    assert.match(check.stderr, /problem\(s\) found/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
