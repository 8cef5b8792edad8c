import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { initDataDir } from '../../server/authority-data.ts';
import { systemClock } from '../../server/clock.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { jsonClient, makeTempDir, newInstanceId, PLAN } from '../harness/authority/test-authority.ts';
import { runCli, spawnAuthority, type AuthorityProcess } from '../harness/authority/spawn-authority.ts';

let dataDir: string;
let server: AuthorityProcess;
let client: ReturnType<typeof jsonClient>;

before(async () => {
  dataDir = makeTempDir('keyhole-race-');
  const { adminToken } = await initDataDir(dataDir, loadProductConfig(), systemClock);
  server = await spawnAuthority(dataDir);
  client = jsonClient(server.url, adminToken as string);
});

after(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('50 concurrent activations of distinct instances on a limit-5 license: exactly 5 succeed', async () => {
  const { key, id } = await client.order({ ...PLAN, activation_limit: 5 });
  const results = await Promise.all(
    Array.from({ length: 50 }, () => client.post('/license/activate', { license_key: key, instance_id: newInstanceId() })),
  );
  const ok = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status === 409 && r.body.error.code === 'ACTIVATION_LIMIT_REACHED');
  assert.equal(ok.length, 5);
  assert.equal(refused.length, 45);
  assert.ok(refused.every((r) => r.body.error.used === 5 && r.body.error.limit === 5));

  const shown = await client.admin('GET', `/admin/licenses/${id}`);
  assert.equal(shown.body.license.activations_used, 5);
  // And straight from the database, through the CLI.
  const cli = runCli(['license', 'activations', String(id), '--data', dataDir, '--json']);
  assert.equal(cli.status, 0, cli.stderr);
  const stored = JSON.parse(cli.stdout).activations as { status: string; instance_id: string }[];
  assert.equal(stored.filter((a) => a.status === 'active').length, 5);
  assert.deepEqual(new Set(stored.map((a) => a.instance_id)), new Set(ok.map((r) => r.body.activation.instance_id)));
});
