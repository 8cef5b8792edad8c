import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, test, type TestContext } from 'node:test';
import { decodeActivationCode } from '../../shared/license/certificate.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { initDataDir } from '../../server/authority-data.ts';
import { systemClock } from '../../server/clock.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { createTestDatabase, HOW_TO_ENABLE, type TestDatabase } from '../harness/authority/postgres-test-database.ts';
import { jsonClient, makeTempDir, newInstanceId, PLAN } from '../harness/authority/test-authority.ts';
import { runCliAsync, spawnAuthority, type AuthorityProcess, type CliResult } from '../harness/authority/spawn-authority.ts';

/*
 * Several authority processes on one PostgreSQL database, the way a vendor scales out: real
 * `keyhole authority start` children on two ports, real HTTP, one data dir for their files.
 */

const product = loadProductConfig();
const catalog = pluginCatalog(product);

interface Cluster {
  readonly database: TestDatabase;
  readonly dataDir: string;
  readonly adminToken: string;
  readonly instances: AuthorityProcess[];
  client(index: number): ReturnType<typeof jsonClient>;
  start(): Promise<AuthorityProcess>;
  cli(args: readonly string[]): Promise<CliResult>;
}

let shared: Promise<Cluster | null> | undefined;

const SWITCH_MS = 3000;

/** Asks `probe` every 100 ms until it answers `wanted` or `ms` have passed; returns the last answer. */
async function within<T>(ms: number, probe: () => Promise<T>, wanted: T): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await probe();
    if (answer === wanted || Date.now() >= deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The two instances, started on first use; null (and `t` skipped) without PostgreSQL off CI. */
function cluster(t: TestContext): Promise<Cluster | null> {
  shared ??= (async () => {
    const database = await createTestDatabase(t);
    if (!database) return null;
    const dataDir = makeTempDir('keyhole-pg-');
    const { adminToken } = await initDataDir(dataDir, product, systemClock, database.url);
    const start = () => spawnAuthority(dataDir, ['--no-rate-limit', '--database', database.url]);
    const instances = [await start(), await start()];
    return {
      database,
      dataDir,
      adminToken: adminToken as string,
      instances,
      client: (index) => jsonClient((instances[index] as AuthorityProcess).url, adminToken as string),
      start,
      cli: (args) => runCliAsync([...args, '--data', dataDir, '--database', database.url, '--json']),
    };
  })();
  return shared.then((c) => {
    if (!c) t.skip(`PostgreSQL not tested: to run these tests, ${HOW_TO_ENABLE}`);
    return c;
  });
}

after(async () => {
  const c = await shared?.catch(() => null);
  if (!c) return;
  await Promise.all(c.instances.map((instance) => instance.stop()));
  await c.database.drop();
  rmSync(c.dataDir, { recursive: true, force: true });
});

const keyIdOf = (certificate: string) => decodeActivationCode(certificate, catalog).payload.keyId;

describe('several authority instances on one PostgreSQL database', () => {
  test('100 concurrent activations across both instances at a limit-5 license: exactly 5', async (t) => {
    const c = await cluster(t);
    if (!c) return;
    const { key, id } = await c.client(0).order({ ...PLAN, activation_limit: 5 });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => c.client(i % 2).post('/license/activate', { license_key: key, instance_id: newInstanceId() })),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 409 && r.body.error.code === 'ACTIVATION_LIMIT_REACHED');
    assert.deepEqual([ok.length, refused.length], [5, 95]);
    for (const index of [0, 1]) {
      const shown = await c.client(index).admin('GET', `/admin/licenses/${id}`);
      assert.equal(shown.body.license.activations_used, 5, `instance ${index} sees 5`);
    }
  });

  test('a key regenerated on one instance is refused by the next validate on the other', async (t) => {
    const c = await cluster(t);
    if (!c) return;
    const { key, id } = await c.client(0).order(PLAN);
    const instance_id = newInstanceId();
    assert.equal((await c.client(1).post('/license/activate', { license_key: key, instance_id })).status, 200);
    const regenerated = await c.client(0).admin('POST', `/admin/licenses/${id}/regenerate`);
    assert.equal(regenerated.status, 200);
    const old = await c.client(1).post('/license/validate', { license_key: key, instance_id });
    assert.equal(old.body.error.code, 'LICENSE_INVALID');
    const fresh = await c.client(1).post('/license/validate', { license_key: regenerated.body.license.key, instance_id });
    assert.deepEqual([fresh.body.valid, fresh.body.code], [false, 'ACTIVATION_REVOKED']);
  });

  // Each process reads the keys from the database at most once a second (signing-key-ring.ts), so a
  // change made by the CLI reaches every instance within a couple of seconds, not at the next request.
  test('rotate-key is published by both, and sign-with switches both, within a couple of seconds', async (t) => {
    const c = await cluster(t);
    if (!c) return;
    const { key } = await c.client(0).order({ ...PLAN, activation_limit: null });
    const activate = async (index: number) => {
      const res = await c.client(index).post('/license/activate', { license_key: key, instance_id: newInstanceId() });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return keyIdOf(res.body.certificate);
    };
    assert.deepEqual([await activate(0), await activate(1)], [0, 0]);

    const rotated = await c.cli(['authority', 'rotate-key']);
    assert.equal(rotated.status, 0, rotated.stderr);
    assert.equal(JSON.parse(rotated.stdout).id, 1);
    const published = (index: number) =>
      fetch(`${c.instances[index]?.url}/.well-known/keyhole.json`)
        .then((r) => r.json() as Promise<{ keys: { id: number }[] }>)
        .then((document) => document.keys.map((k) => k.id).join());
    assert.deepEqual([await within(SWITCH_MS, () => published(0), '0,1'), await within(SWITCH_MS, () => published(1), '0,1')], ['0,1', '0,1']);
    assert.deepEqual([await activate(0), await activate(1)], [0, 0], 'the new key waits until the apps trust it');

    const chosen = await c.cli(['authority', 'sign-with', '1']);
    assert.equal(chosen.status, 0, chosen.stderr);
    assert.deepEqual([await within(SWITCH_MS, () => activate(0), 1), await within(SWITCH_MS, () => activate(1), 1)], [1, 1]);
  });

  test('kill -9 of one instance in the middle of a burst loses no acknowledged activation', async (t) => {
    const c = await cluster(t);
    if (!c) return;
    const { key, id } = await c.client(0).order({ ...PLAN, activation_limit: null });
    const victim = c.instances[0] as AuthorityProcess;
    let answered = 0;
    const burst = Array.from({ length: 80 }, (_, i) =>
      c
        .client(i % 2)
        .post('/license/activate', { license_key: key, instance_id: newInstanceId() })
        .then((res) => {
          answered += 1;
          return res;
        })
        .catch(() => null), // the killed instance's open requests fail: those were never acknowledged
    );
    // Kill as soon as some answers are in, so others are still in flight on the victim.
    for (let wait = 0; answered < 10 && wait < 200; wait += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await victim.kill9();
    const acknowledged = (await Promise.all(burst)).filter((res) => res?.status === 200);
    assert.ok(acknowledged.length >= 10, `some activations were acknowledged (${acknowledged.length})`);

    const survivor = c.client(1);
    const stored = (await survivor.admin('GET', `/admin/licenses/${id}/activations`)).body.activations as { instance_id: string; status: string }[];
    const live = new Set(stored.filter((a) => a.status === 'active').map((a) => a.instance_id));
    for (const res of acknowledged) assert.ok(live.has(res?.body.activation.instance_id), 'every 200 is in the database');

    c.instances[0] = await c.start(); // the next instance on the same database serves everything
    const again = await c.client(0).admin('GET', `/admin/licenses/${id}`);
    assert.equal(again.body.license.activations_used, live.size);
  });
});
