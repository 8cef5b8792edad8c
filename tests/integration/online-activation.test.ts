import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { createLicenseCore } from '../../node-core/create-license-core.ts';
import { manualClock, type Clock } from '../../node-core/clock.ts';
import { staticIdentifierSource, type RawIdentifiers } from '../../node-core/fingerprint/identifier-source.ts';
import { OFFICE_PC, OTHER_PC } from '../harness/core/machines.ts';
import { tempDir } from '../harness/core/temp-dir.ts';
import { startDemoAuthority, type DemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { requestJson } from '../harness/authority/test-authority.ts';
import { toLicenseView } from '../../node-core/app/license-view.ts';
import { redactLicenseKey } from '../../shared/format/license-key.ts';

/*
 * The app's core against the real authority over real HTTP, real SQLite and real store files:
 * every online path a customer can take, asserted as the status the screens are built from.
 */

const DAY = 86_400_000;

function keyOf(authority: DemoAuthority, name: string): string {
  const found = authority.keys.find((k) => k.name === name);
  assert.ok(found, `demo key ${name}`);
  return found.key;
}

async function setup(t: TestContext, machine = OFFICE_PC, options: { serverClock?: Clock; start?: number } = {}) {
  const authority = await startDemoAuthority(options.serverClock ? { clock: options.serverClock } : {});
  t.after(() => authority.close());
  const clock = manualClock(options.start ?? Date.now());
  const dataDir = tempDir(t);
  const openAt = (dir: string, identifiers: RawIdentifiers) =>
    createLicenseCore({
      dataDir: dir,
      product: authority.productConfig,
      appVersion: '1.4.0',
      identifierSource: staticIdentifierSource(identifiers),
      clock,
      env: {},
      timeoutMs: 3000,
    });
  const open = (identifiers = machine) => openAt(dataDir, identifiers);
  /** Another installation on another machine, with its own store. */
  const another = () => openAt(tempDir(t), OTHER_PC);
  return { authority, clock, open, another, core: open() };
}

const admin = (authority: DemoAuthority) => ({ authorization: `Bearer ${authority.adminToken}`, 'content-type': 'application/json' });

/** The bare call anyone holding the key can make from elsewhere: key and Instance ID, no proof. */
async function freeSlotFromElsewhere(authority: DemoAuthority, key: string, instanceId: string): Promise<void> {
  const freed = await requestJson(`${authority.url}/license/deactivate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ license_key: key, instance_id: instanceId }),
  });
  assert.equal(freed.status, 200, JSON.stringify(freed.body));
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof KeyholeError, String(error));
    return { code: error.code, details: error.details };
  }
  return { code: 'succeeded', details: null };
}

describe('online activation against the real authority', () => {
  test('activate, validate, deactivate: the happy path', async (t) => {
    const { authority, core } = await setup(t);
    assert.equal((await core.service.getStatus()).status.state, 'not_activated');

    const activated = await core.service.activateOnline(` ${keyOf(authority, 'online').toLowerCase()} `);
    assert.equal(activated.status.state, 'active');
    assert.equal(activated.status.certificate?.instanceId, activated.instanceId);
    assert.ok(activated.status.plugins.length > 1);
    assert.equal(activated.serverLicense?.activationsUsed, 1);

    const validated = await core.service.validateNow();
    assert.equal(validated.outcome, 'ok');
    assert.equal(validated.snapshot.status.state, 'active');

    const deactivated = await core.service.deactivate();
    assert.equal(deactivated.status.state, 'not_activated');
    const { body } = await requestJson(`${authority.url}/admin/licenses/${encodeURIComponent(keyOf(authority, 'online'))}`, {
      headers: { authorization: `Bearer ${authority.adminToken}` },
    });
    assert.equal(body.license.activations_used, 0, 'the slot is free again on the authority');
  });

  test('the status view names who the license was sold to and shows the key as support sees it, also after a validation', async (t) => {
    const { authority, core } = await setup(t);
    const plans = await requestJson(`${authority.url}/admin/plans`, { headers: admin(authority) });
    const planId = plans.body.plans[0].id;
    const ordered = await requestJson(`${authority.url}/admin/orders`, {
      method: 'POST',
      headers: admin(authority),
      body: JSON.stringify({ plan_id: planId, customer: { email: 'ada@example.com', name: 'Ada Lovelace', reference: null } }),
    });
    assert.equal(ordered.status, 201, JSON.stringify(ordered.body));
    const key: string = ordered.body.license.key;
    await core.service.activateOnline(key);
    const view = toLicenseView(await core.service.getStatus());
    assert.equal(view.licensee, 'Ada Lovelace');
    assert.equal(view.licenseKey, redactLicenseKey(key));
    assert.ok(!JSON.stringify(view).includes(key), 'never the whole key');
    await core.service.validateNow();
    assert.equal(toLicenseView(await core.service.getStatus()).licensee, 'Ada Lovelace', 'a validation (which does not carry it) keeps it');
  });

  test('each refusal comes back as its catalog code and changes nothing locally', async (t) => {
    const { authority, core } = await setup(t);
    const cases: Array<[string, string]> = [
      ['expired', 'LICENSE_EXPIRED'],
      ['deactivated', 'LICENSE_DEACTIVATED'],
      ['limit-reached', 'ACTIVATION_LIMIT_REACHED'],
      ['offline-only', 'OFFLINE_ONLY_PLAN'],
    ];
    for (const [name, code] of cases) {
      assert.equal((await failureOf(core.service.activateOnline(keyOf(authority, name)))).code, code, name);
    }
    const limit = await failureOf(core.service.activateOnline(keyOf(authority, 'limit-reached')));
    assert.deepEqual([(limit.details as { used?: number }).used, (limit.details as { limit?: number }).limit], [1, 1]);
    const unknown = 'KH-' + keyOf(authority, 'online').slice(3).split('').reverse().join('');
    assert.match((await failureOf(core.service.activateOnline(unknown))).code, /^LICENSE_(INVALID|FORMAT_INVALID)$/);
    assert.equal((await core.service.getStatus()).status.state, 'not_activated');
  });

  test('a refused activation keeps the activation that works', async (t) => {
    const { authority, core } = await setup(t);
    await core.service.activateOnline(keyOf(authority, 'online'));
    await failureOf(core.service.activateOnline(keyOf(authority, 'expired')));
    assert.equal((await core.service.getStatus()).status.state, 'active');
  });

  test('revoked by the vendor: the next validation says so', async (t) => {
    const { authority, core } = await setup(t);
    const snapshot = await core.service.activateOnline(keyOf(authority, 'online'));
    const admin = { authorization: `Bearer ${authority.adminToken}`, 'content-type': 'application/json' };
    const ref = encodeURIComponent(keyOf(authority, 'online'));
    const list = await requestJson(`${authority.url}/admin/licenses/${ref}/activations`, { headers: admin });
    const mine = list.body.activations.find((a: { instance_id: string }) => a.instance_id === snapshot.instanceId);
    const revoke = await requestJson(`${authority.url}/admin/licenses/${ref}/activations/${mine.id}/revoke`, { method: 'POST', headers: admin, body: '{}' });
    assert.equal(revoke.status, 200, JSON.stringify(revoke.body));
    const validated = await core.service.validateNow();
    assert.equal(validated.snapshot.status.state, 'revoked');
    assert.equal(validated.snapshot.status.code, 'ACTIVATION_REVOKED');
  });

  test('authority down: grace with a countdown, lease end, then it resumes by itself', async (t) => {
    const { authority, core, clock } = await setup(t);
    await core.service.activateOnline(keyOf(authority, 'online'));
    const port = new URL(authority.url).port;
    await authority.authority.close();

    clock.advance(2 * DAY);
    const offline = await core.service.validateNow();
    assert.equal(offline.outcome, 'unreachable');
    assert.equal(offline.snapshot.status.state, 'grace');
    assert.equal(offline.snapshot.status.daysLeft, authority.productConfig.onlineLeaseDays - 2);
    assert.equal(offline.snapshot.status.featuresEnabled, true);

    clock.advance(authority.productConfig.onlineLeaseDays * DAY);
    const ended = await core.service.getStatus();
    assert.equal(ended.status.state, 'lease_expired');
    assert.equal(ended.status.featuresEnabled, false);

    const back = await startDemoAuthority({ dataDir: authority.dataDir, port: Number(port), clock });
    t.after(() => back.close());
    const resumed = await core.service.validateNow();
    assert.equal(resumed.outcome, 'ok');
    assert.equal(resumed.snapshot.status.state, 'active');
  });

  test('state copied to another machine is a mismatch naming the components', async (t) => {
    const { authority, core, open } = await setup(t);
    await core.service.activateOnline(keyOf(authority, 'online'));
    // Start-up decides from the stored fingerprint; the hardware read behind it finds the other machine.
    const other = open(OTHER_PC);
    const hardwareRead = new Promise<void>((resolve) => other.machine.onChange(resolve));
    await other.service.getStatus();
    await hardwareRead;
    const copied = await other.service.getStatus();
    assert.equal(copied.status.state, 'mismatch');
    assert.match(copied.status.failedCheck ?? '', /differ: .*machine id.*this looks like a different machine/);
  });

  test('a slot freed from elsewhere: the next validation turns features off, activating again brings them back', async (t) => {
    const { authority, core } = await setup(t);
    const key = keyOf(authority, 'online');
    const activated = await core.service.activateOnline(key);
    await freeSlotFromElsewhere(authority, key, activated.instanceId);

    const validated = await core.service.validateNow();
    const { status } = validated.snapshot;
    assert.deepEqual([status.state, status.code, status.featuresEnabled], ['removed', 'ACTIVATION_REMOVED', false]);
    assert.deepEqual(status.plugins, [], 'no plugin stays licensed');
    assert.equal(validated.error?.code, 'ACTIVATION_REMOVED');

    // With an activation stored the app's Activate is "change key" (node-core/app/handlers.ts).
    const again = await core.service.changeKey(key);
    assert.equal(again.status.state, 'active');
    assert.ok(again.status.plugins.length > 1);
  });

  test('activating the stored key again while its slot went to another machine turns features off', async (t) => {
    const { authority, core, another } = await setup(t);
    const key = keyOf(authority, 'online');
    const limit = await requestJson(`${authority.url}/admin/licenses/${encodeURIComponent(key)}/limit`, {
      method: 'POST',
      headers: admin(authority),
      body: JSON.stringify({ activation_limit: 1 }),
    });
    assert.equal(limit.status, 200, JSON.stringify(limit.body));
    const activated = await core.service.activateOnline(key);
    await freeSlotFromElsewhere(authority, key, activated.instanceId);
    assert.equal((await another().service.activateOnline(key)).status.state, 'active');

    assert.equal((await failureOf(core.service.changeKey(key))).code, 'ACTIVATION_LIMIT_REACHED');
    const status = (await core.service.getStatus()).status;
    assert.deepEqual([status.state, status.code, status.featuresEnabled], ['removed', 'ACTIVATION_REMOVED', false]);
  });

  test('every definitive answer about the stored license ends features, on validate and on activating again', async (t) => {
    const yesterday = new Date(Date.now() - DAY).toISOString();
    const cases: Array<[string, string, object | undefined, string, string]> = [
      ['regenerate', 'key regenerated', undefined, 'invalid', 'LICENSE_INVALID'],
      ['deactivate', 'license deactivated', undefined, 'deactivated', 'LICENSE_DEACTIVATED'],
      ['expiry', 'expiry moved to yesterday', { expires_at: yesterday }, 'expired', 'LICENSE_EXPIRED'],
    ];
    for (const [action, what, body, state, code] of cases) {
      const { authority, core, another } = await setup(t);
      const key = keyOf(authority, 'online');
      await core.service.activateOnline(key);
      const second = another();
      await second.service.activateOnline(key);
      const done = await requestJson(`${authority.url}/admin/licenses/${encodeURIComponent(key)}/${action}`, {
        method: 'POST',
        headers: admin(authority),
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      assert.equal(done.status, 200, `${what}: ${JSON.stringify(done.body)}`);

      const validated = (await core.service.validateNow()).snapshot.status;
      assert.deepEqual([validated.state, validated.code, validated.featuresEnabled], [state, code, false], `${what}, validate`);

      assert.equal((await failureOf(second.service.changeKey(key))).code, code, `${what}, activate again`);
      const reactivated = (await second.service.getStatus()).status;
      assert.deepEqual([reactivated.state, reactivated.featuresEnabled], [state, false], `${what}, activate again`);
    }
  });

  test('a clock that once ran ahead: rollback, then "Re-validate now" with the clock right makes it active', async (t) => {
    const start = Math.floor(Date.now() / 60_000) * 60_000;
    const serverClock = manualClock(start);
    const { authority, core, clock } = await setup(t, OFFICE_PC, { serverClock, start });
    await core.service.activateOnline(keyOf(authority, 'online'));

    clock.advance(2 * 3_600_000);
    assert.equal((await core.service.getStatus()).status.state, 'active');
    assert.equal(core.store.state.highestTimeSeen, start + 2 * 3_600_000, 'the app saw the clock ahead');

    clock.set(start);
    assert.equal((await core.service.getStatus()).status.state, 'clock_rollback');

    const validated = await core.service.validateNow();
    assert.equal(validated.outcome, 'ok');
    assert.equal(validated.snapshot.status.state, 'active');
    assert.equal(validated.snapshot.status.certificate?.issuedAt, serverClock.now());
    assert.equal(core.store.state.highestTimeSeen, serverClock.now(), 'the mark came down to the authority\'s time');
  });

  test('deactivating an air-gapped activation online proves itself with the certificate and frees the slot', async (t) => {
    // Needs the authority to accept the `certificate` field of /license/deactivate (its proof check).
    const { authority, core } = await setup(t);
    const key = keyOf(authority, 'airgapped');
    assert.equal((await core.service.activateOnline(key)).status.certificate?.mode, 'airgapped');
    assert.equal((await core.service.deactivate()).status.state, 'not_activated');
    const { body } = await requestJson(`${authority.url}/admin/licenses/${encodeURIComponent(key)}`, { headers: admin(authority) });
    assert.equal(body.license.activations_used, 0, 'the slot is free again on the authority');
  });
});
