import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { createLicenseCore } from '../../electron/core/create-license-core.ts';
import { manualClock } from '../../electron/core/clock.ts';
import { staticIdentifierSource } from '../../electron/core/fingerprint/identifier-source.ts';
import { OFFICE_PC, OTHER_PC } from '../../electron/core/testing/machines.ts';
import { tempDir } from '../../electron/core/testing/temp-dir.ts';
import { startDemoAuthority, type DemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { requestJson } from '../../server/testing/test-authority.ts';

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

async function setup(t: TestContext, machine = OFFICE_PC) {
  const authority = await startDemoAuthority();
  t.after(() => authority.close());
  const clock = manualClock(Date.now());
  const dataDir = tempDir(t);
  const open = (identifiers = machine) =>
    createLicenseCore({
      dataDir,
      product: authority.productConfig,
      appVersion: '1.4.0',
      identifierSource: staticIdentifierSource(identifiers),
      clock,
      env: {},
      timeoutMs: 3000,
    });
  return { authority, clock, open, core: open() };
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
    const copied = await open(OTHER_PC).service.getStatus();
    assert.equal(copied.status.state, 'mismatch');
    assert.match(copied.status.failedCheck ?? '', /differ: .*machine id.*this looks like a different machine/);
  });
});
