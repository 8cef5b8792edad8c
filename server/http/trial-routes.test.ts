import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { parseLicenseKey } from '../../shared/format/license-key.ts';
import { toWireFingerprint } from '../../shared/license/fingerprint.ts';
import { verifyActivationCode, type PublicKeySet } from '../../shared/license/signing.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { createTestDatabase } from '../../tests/harness/authority/postgres-test-database.ts';
import { newInstanceId, startTestAuthority, withoutRequestId, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';
import { createOffsetClock, type OffsetClock } from '../clock.ts';
import { loadProductConfig } from '../product-config.ts';

/*
 * POST /license/trial over real HTTP, on both storage backends: the product config (build/product.json)
 * names "Studio Trial" as its trial plan, which each test authority creates as a vendor would.
 */

const product = loadProductConfig();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MACHINE = { machineId: 11, systemUuid: 22, baseboardSerial: 33, diskSerial: 44, cpu: 55, mac: 60 };
const TRIAL_PLAN = { name: 'Studio Trial', activation_limit: 1, expiry: { value: 14, unit: 'days' }, mode: 'trial', plugins: ['reports', 'scripting'] };

async function keySet(t: TestAuthority): Promise<PublicKeySet> {
  const body = (await fetch(`${t.url}/.well-known/keyhole.json`).then((r) => r.json())) as { product_id: string; keys: { id: number; public_key: string }[] };
  return { productId: body.product_id, keys: body.keys.map((k) => ({ id: k.id, publicKey: k.public_key })) };
}

const trial = (t: TestAuthority, instanceId: string, fingerprint = MACHINE) =>
  t.post('/license/trial', { instance_id: instanceId, fingerprint: toWireFingerprint(fingerprint), metadata: { os: 'Linux' }, app_version: '1.2.0' });

const BACKENDS: readonly { name: string; databaseUrl(t: TestContext): Promise<{ url: string | undefined; drop(): Promise<void> } | null> }[] = [
  { name: 'SQLite', databaseUrl: async () => ({ url: undefined, drop: async () => {} }) },
  { name: 'PostgreSQL', databaseUrl: async (t) => await createTestDatabase(t) },
];

for (const backend of BACKENDS) {
  describe(`free trials (${backend.name})`, () => {
    /** An authority with the trial plan created, for one test. */
    async function withTrialAuthority(t: TestContext, run: (a: TestAuthority, clock: OffsetClock) => Promise<void>, createPlan = true) {
      const database = await backend.databaseUrl(t);
      if (!database) return;
      const clock = createOffsetClock();
      const authority = await startTestAuthority({ clock, databaseUrl: database.url });
      try {
        if (createPlan) assert.equal((await authority.admin('POST', '/admin/plans', TRIAL_PLAN)).status, 201);
        await run(authority, clock);
      } finally {
        await authority.close();
        await database.drop();
      }
    }

    test('a trial is granted without a key: a trial certificate for this machine, 14 days of the plan\'s plugins, and its own key', (t) =>
      withTrialAuthority(t, async (a, clock) => {
        const instance = newInstanceId();
        const before = clock.now();
        const res = await trial(a, instance);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        const key = parseLicenseKey(res.body.license_key);
        const { payload } = await verifyActivationCode(res.body.certificate, await keySet(a), pluginCatalog(product));
        assert.equal(payload.mode, 'trial');
        assert.equal(payload.instanceId, instance);
        assert.deepEqual(payload.fingerprint, MACHINE);
        assert.deepEqual(payload.plugins, ['reports', 'scripting']);
        assert.ok(payload.expiresAt !== null && payload.expiresAt >= before + 14 * DAY && payload.expiresAt <= before + 14 * DAY + HOUR, 'expires 14 days later, to the hour');
        assert.ok(payload.leaseUntil !== null, 'leased like an online license');
        assert.equal(res.body.license.plan.mode, 'trial');
        assert.equal(Date.parse(res.body.license.expires_at), payload.expiresAt);
        assert.equal(res.body.license.activations_used, 1);
        assert.equal(res.body.activation.instance_id, instance);

        // The trial's key re-validates like any online license, until the trial ends.
        const valid = await a.post('/license/validate', { license_key: key, instance_id: instance });
        assert.deepEqual([valid.status, valid.body.valid], [200, true]);
        clock.advance(15 * DAY);
        const ended = await a.post('/license/validate', { license_key: key, instance_id: instance });
        assert.deepEqual([ended.body.valid, ended.body.code], [false, 'LICENSE_EXPIRED']);
      }));

    test('a second trial from the same Instance ID is refused with TRIAL_ALREADY_USED (409), and no license is made', (t) =>
      withTrialAuthority(t, async (a) => {
        const instance = newInstanceId();
        assert.equal((await trial(a, instance)).status, 200);
        const again = await trial(a, instance, { ...MACHINE, machineId: 1, systemUuid: 2, diskSerial: 3 });
        assert.equal(again.status, 409);
        assert.equal(again.body.error.code, 'TRIAL_ALREADY_USED');
        assert.match(again.body.error.hint, /this Instance ID started a trial on/);
        assert.equal(again.body.license_key, undefined);
        const orders = await a.admin('GET', '/admin/orders?kind=trial');
        assert.equal(orders.body.orders.length, 1, 'only the first trial made a license');
      }));

    test('a new Instance ID on hardware that matches an earlier trial (more than half of the components) is refused', (t) =>
      withTrialAuthority(t, async (a) => {
        assert.equal((await trial(a, newInstanceId())).status, 200);
        // A reinstall on the same PC with a new network card: 5 of 6 components equal.
        const reinstalled = await trial(a, newInstanceId(), { ...MACHINE, mac: 9 });
        assert.equal(reinstalled.status, 409);
        assert.equal(reinstalled.body.error.code, 'TRIAL_ALREADY_USED');
        assert.match(reinstalled.body.error.hint, /this computer's hardware started a trial/);
        // Another computer sharing one or two components (the same CPU model) is not that machine.
        const other = await trial(a, newInstanceId(), { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 55, mac: 60 });
        assert.equal(other.status, 200, JSON.stringify(other.body));
        // Nothing known on both sides proves nothing: a bare container still gets its trial.
        const bare = await trial(a, newInstanceId(), { machineId: 0, systemUuid: 0, baseboardSerial: 0, diskSerial: 0, cpu: 0, mac: 0 });
        assert.equal(bare.status, 200, JSON.stringify(bare.body));
      }));

    test('a machine whose trial was deactivated, or has ended, still cannot start another', (t) =>
      withTrialAuthority(t, async (a, clock) => {
        const instance = newInstanceId();
        const first = await trial(a, instance);
        const freed = await a.post('/license/deactivate', { license_key: first.body.license_key, instance_id: instance });
        assert.equal(freed.status, 200, JSON.stringify(freed.body));
        const afterDeactivation = await trial(a, instance);
        assert.deepEqual([afterDeactivation.status, afterDeactivation.body.error?.code], [409, 'TRIAL_ALREADY_USED']);

        const other = newInstanceId();
        const otherMachine = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };
        assert.equal((await trial(a, other, otherMachine)).status, 200);
        clock.advance(30 * DAY);
        const afterEnd = await trial(a, other, otherMachine);
        assert.deepEqual([afterEnd.status, afterEnd.body.error?.code], [409, 'TRIAL_ALREADY_USED']);
      }));

    test('without the trial plan the answer names the plan to create; bad input is a clear 400', (t) =>
      withTrialAuthority(
        t,
        async (a) => {
          const missing = await trial(a, newInstanceId());
          assert.equal(missing.status, 404);
          assert.equal(missing.body.error.code, 'NOT_FOUND');
          assert.match(missing.body.error.hint, /"Studio Trial" does not exist: create it with keyhole plan create --mode trial --days N/);
          const malformed = await a.post('/license/trial', { instance_id: 'nope', license_key: 'KH-1' });
          assert.equal(malformed.status, 400);
          assert.equal(malformed.body.error.code, 'REQUEST_INVALID');
          const endless = await a.admin('POST', '/admin/plans', { ...TRIAL_PLAN, expiry: null });
          assert.equal(endless.status, 400);
          assert.match(endless.body.error.hint, /a trial plan lasts a number of days/);
        },
        false,
      ));
  });
}

// The buckets live in the authority's memory, whatever the storage: one backend suffices.
describe('free trials are rate-limited', () => {
  async function limitedAuthority(rateLimits: { perIp: { burst: number; perSecond: number }; perKey: { burst: number; perSecond: number } }) {
    const authority = await startTestAuthority({ rateLimits });
    assert.equal((await authority.admin('POST', '/admin/plans', TRIAL_PLAN)).status, 201);
    return authority;
  }

  test('per machine: the Instance ID\'s bucket runs out (429, Retry-After, the catalog\'s words), in any spelling; another machine is not held up', async () => {
    const a = await limitedAuthority({ perIp: { burst: 1000, perSecond: 100 }, perKey: { burst: 2, perSecond: 0.1 } });
    try {
      const instance = newInstanceId();
      const granted = await trial(a, instance);
      assert.equal(granted.status, 200, JSON.stringify(granted.body));
      const again = await trial(a, instance);
      assert.deepEqual([again.status, again.body.error?.code], [409, 'TRIAL_ALREADY_USED'], 'a refused trial still spends a token');
      const limited = await trial(a, instance);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '10');
      assert.deepEqual(withoutRequestId(limited), {
        error: { code: 'RATE_LIMITED', message: CATALOG.RATE_LIMITED.title, hint: 'try again in 10 s', retry_after_seconds: 10 },
      });
      assert.equal((await trial(a, instance.toLowerCase().replace(/-/g, ' '))).status, 429, 'another spelling of the same Instance ID shares its bucket');
      const other = await trial(a, newInstanceId(), { ...MACHINE, machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4 });
      assert.equal(other.status, 200, JSON.stringify(other.body));
      const malformed = await a.post('/license/trial', { instance_id: 'nope' });
      assert.equal(malformed.status, 400, 'bad input is refused before it reaches a bucket');
    } finally {
      await a.close();
    }
  });

  test('per address: new Instance IDs from one address run into its budget', async () => {
    const a = await limitedAuthority({ perIp: { burst: 3, perSecond: 0.01 }, perKey: { burst: 100, perSecond: 1 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await trial(a, newInstanceId(), { ...MACHINE, machineId: 1 + i, systemUuid: 12 + i, baseboardSerial: 23 + i, diskSerial: 34 + i })).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
    } finally {
      await a.close();
    }
  });
});
