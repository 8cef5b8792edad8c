import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { certificateDigest, encodeDeactivationCode } from '../../shared/license/offline-codes.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { createOffsetClock } from '../clock.ts';
import { errorCodeIn, postForm } from '../../tests/harness/http/manual-page-forms.ts';
import { loadProductConfig } from '../product-config.ts';
import { newInstanceId, PLAN, startTestAuthority, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';

/*
 * Freeing a slot, from the customer's side: air-gapped and offline slots need the device's proof,
 * and every plan caps how many slots the customer may free per period. The vendor's revoke is
 * neither proven nor counted.
 */

const catalog = pluginCatalog(loadProductConfig());
const DAY = 86_400_000;
const MINUTE = 60_000;

describe('slot releases', () => {
  const clock = createOffsetClock();
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority({ clock });
  });
  after(() => t.close());

  const activate = (license_key: string, instance_id: string) => t.post('/license/activate', { license_key, instance_id });
  const deactivate = (license_key: string, instance_id: string, certificate?: string) =>
    t.post('/license/deactivate', { license_key, instance_id, ...(certificate === undefined ? {} : { certificate }) });
  const used = async (id: number) => (await t.admin('GET', `/admin/licenses/${id}`)).body.license.activations_used as number;
  const codeFor = async (licenseId: number, instanceId: string, certificate: string) =>
    encodeDeactivationCode({ licenseId, instanceId, certificateDigest: await certificateDigest(certificate, catalog), deactivatedAt: clock.now() });

  test('an air-gapped slot is not freed by key + Instance ID alone, however often; its certificate frees it', async () => {
    const { key, id } = await t.order({ ...PLAN, mode: 'airgapped', activation_limit: 1, release_limit: null });
    const device = newInstanceId();
    const first = await activate(key, device);
    assert.equal(first.status, 200);
    for (let i = 0; i < 5; i++) {
      const bare = await deactivate(key, device);
      assert.deepEqual([bare.status, bare.body.error.code], [403, 'DEACTIVATION_PROOF_REQUIRED']);
      assert.match(bare.body.error.hint, /"Deactivate this device"/);
    }
    assert.equal((await activate(key, newInstanceId())).body.error.code, 'ACTIVATION_LIMIT_REACHED', 'the slot is still taken');

    clock.advance(5 * MINUTE);
    const renewed = await activate(key, device);
    assert.notEqual(renewed.body.certificate, first.body.certificate);
    const stale = await deactivate(key, device, first.body.certificate);
    assert.deepEqual([stale.status, stale.body.error.code], [403, 'DEACTIVATION_PROOF_REQUIRED'], 'an older certificate is no proof');
    const other = await t.order({ ...PLAN, mode: 'airgapped' });
    const foreign = await deactivate(key, device, (await activate(other.key, device)).body.certificate);
    assert.equal(foreign.body.error.code, 'DEACTIVATION_PROOF_REQUIRED', "another license's certificate is no proof");
    const garbled = await deactivate(key, device, 'KA-NOT-A-CODE');
    assert.deepEqual([garbled.status, garbled.body.error.code], [400, 'REQUEST_INVALID']);
    assert.match(garbled.body.error.hint, /^certificate: /);
    assert.equal(await used(id), 1);

    const freed = await deactivate(key, device, renewed.body.certificate);
    assert.deepEqual([freed.status, freed.body.deactivated, freed.body.license.activations_used], [200, true, 0]);
    assert.equal((await activate(key, newInstanceId())).status, 200, 'the slot is free for another machine');
  });

  test('an offline slot takes its certificate on the online call too; online plans keep the bare call', async () => {
    const offline = await t.order({ ...PLAN, mode: 'offline', activation_limit: 1 });
    const device = newInstanceId();
    const issued = await t.admin('POST', '/admin/offline-activations', { license_key: offline.key, instance_id: device });
    assert.equal(issued.status, 201);
    assert.equal((await deactivate(offline.key, device)).body.error.code, 'DEACTIVATION_PROOF_REQUIRED');
    assert.equal((await deactivate(offline.key, device, issued.body.certificate)).status, 200);

    const online = await t.order({ ...PLAN, activation_limit: 1 });
    const machine = newInstanceId();
    await activate(online.key, machine);
    assert.equal((await deactivate(online.key, machine)).status, 200);
    const again = await activate(online.key, machine);
    assert.equal((await deactivate(online.key, machine, again.body.certificate)).status, 200, 'the field is accepted on online plans too');
  });

  test("the plan's release limit caps the customer's releases per period; over it the slot stays used", async () => {
    const { key, id } = await t.order({ ...PLAN, activation_limit: 1, release_limit: { count: 2, days: 30 } });
    const cycle = async () => {
      const device = newInstanceId();
      assert.equal((await activate(key, device)).status, 200);
      return { device, released: await deactivate(key, device) };
    };
    const opening = await cycle();
    assert.equal(opening.released.status, 200);
    const activations = (await t.admin('GET', `/admin/licenses/${id}/activations`)).body.activations as { instance_id: string; ended_at: string }[];
    const firstAt = Date.parse(activations.find((a) => a.instance_id === opening.device)?.ended_at ?? '');
    clock.advance(10 * MINUTE);
    assert.equal((await cycle()).released.status, 200);
    clock.advance(10 * MINUTE);

    const { device, released } = await cycle();
    assert.deepEqual([released.status, released.body.error.code], [409, 'DEACTIVATION_LIMIT_REACHED']);
    assert.equal(released.body.error.next_release_at, new Date(firstAt + 30 * DAY).toISOString());
    const shown = /the next release is possible on (\d{4}-\d\d-\d\d \d\d:\d\d) UTC/.exec(released.body.error.hint)?.[1];
    const shownAt = Date.parse(`${shown?.replace(' ', 'T')}:00Z`);
    assert.ok(shownAt >= firstAt + 30 * DAY && shownAt < firstAt + 30 * DAY + MINUTE, `the hint names the date: ${released.body.error.hint}`);
    assert.equal((await t.post('/license/validate', { license_key: key, instance_id: device })).body.valid, true, 'nothing changed');
    assert.equal(await used(id), 1);

    // The vendor is never capped, and a revoke does not count as a release.
    const [live] = (await t.admin('GET', `/admin/licenses/${id}/activations`)).body.activations.filter((a: { status: string }) => a.status === 'active');
    assert.equal((await t.admin('POST', `/admin/licenses/${id}/activations/${live.id}/revoke`)).status, 200);
    clock.setOffset(clock.offsetMs + (firstAt + 30 * DAY + MINUTE - clock.now()));
    assert.equal((await cycle()).released.status, 200, 'the first release aged out; the revoke was never counted');
    assert.equal((await cycle()).released.body.error?.code, 'DEACTIVATION_LIMIT_REACHED');
  });

  test('deactivation codes count too, on the manual page and the admin API; handing a code in twice counts once', async () => {
    const { key, id } = await t.order({ ...PLAN, mode: 'offline', activation_limit: 1, release_limit: { count: 1, days: 7 } });
    const offlineActivate = async (device: string) =>
      (await t.admin('POST', '/admin/offline-activations', { license_key: key, instance_id: device })).body.certificate as string;
    const first = newInstanceId();
    const firstCode = await codeFor(id, first, await offlineActivate(first));
    assert.equal((await postForm(t.url, '/deactivate', { deactivation_code: firstCode })).status, 200);

    const second = newInstanceId();
    const certificate = await offlineActivate(second);
    const secondCode = await codeFor(id, second, certificate);
    const page = await postForm(t.url, '/deactivate', { deactivation_code: secondCode });
    assert.deepEqual([page.status, errorCodeIn(page.html)], [409, 'DEACTIVATION_LIMIT_REACHED']);
    const api = await t.admin('POST', '/admin/offline-deactivations', { deactivation_code: secondCode });
    assert.deepEqual([api.status, api.body.error.code], [409, 'DEACTIVATION_LIMIT_REACHED']);
    assert.equal((await deactivate(key, second, certificate)).body.error.code, 'DEACTIVATION_LIMIT_REACHED');
    assert.equal(await used(id), 1);
    const twice = await t.admin('POST', '/admin/offline-deactivations', { deactivation_code: firstCode });
    assert.deepEqual([twice.status, twice.body.already_free], [200, true]);
  });

  test('a new plan gets 3 releases per 30 days unless it says otherwise; null means no cap', async () => {
    const plain = await t.admin('POST', '/admin/plans', PLAN);
    assert.deepEqual(plain.body.plan.release_limit, { count: 3, days: 30 });
    const { key } = await t.order(PLAN);
    const results = [];
    for (let i = 0; i < 4; i++) {
      const device = newInstanceId();
      await activate(key, device);
      results.push((await deactivate(key, device)).status);
    }
    assert.deepEqual(results, [200, 200, 200, 409]);

    const uncapped = await t.order({ ...PLAN, release_limit: null });
    for (let i = 0; i < 5; i++) {
      const device = newInstanceId();
      await activate(uncapped.key, device);
      assert.equal((await deactivate(uncapped.key, device)).status, 200);
    }
    const bad = await t.admin('POST', '/admin/plans', { ...PLAN, release_limit: { count: 0, days: 30 } });
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'REQUEST_INVALID']);
  });
});
