import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { decodeActivationCode } from '../../shared/license/certificate.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { loadProductConfig } from '../product-config.ts';
import { newInstanceId, PLAN, requestJson, startTestAuthority, withoutRequestId, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';

const catalog = pluginCatalog(loadProductConfig());

describe('admin API', () => {
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority();
  });
  after(() => t.close());

  test('without a valid bearer token every admin path is 401 and reveals nothing', async () => {
    const attempts = [
      requestJson(`${t.url}/admin/plans`),
      requestJson(`${t.url}/admin/plans`, { headers: { authorization: 'Bearer kha_wrong' } }),
      requestJson(`${t.url}/admin/plans`, { headers: { authorization: `Basic ${t.adminToken}` } }),
      requestJson(`${t.url}/admin/no-such-route`, { method: 'POST', body: '{' }),
      requestJson(`${t.url}/admin/test-clock`, { method: 'POST', body: '{"offset_ms":1}' }),
    ];
    for (const res of await Promise.all(attempts)) {
      assert.equal(res.status, 401);
      assert.deepEqual(withoutRequestId(res), { error: { code: 'UNAUTHORIZED', message: CATALOG.UNAUTHORIZED.title } });
    }
  });

  test('a request path with empty segments is still behind the token check', async () => {
    const { hostname, port } = new URL(t.url);
    // Sent verbatim (fetch would rewrite them): each resolves to a path the router reads as /admin/plans.
    for (const path of ['/.//admin/plans', '/x/..//admin/plans', 'http://authority//admin/plans']) {
      const status = await new Promise<number | undefined>((resolve, reject) => {
        httpRequest({ host: hostname, port, path, method: 'GET' }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        })
          .on('error', reject)
          .end();
      });
      assert.equal(status, 401, path);
    }
  });

  test('plans: create with validation, list', async () => {
    const created = await t.admin('POST', '/admin/plans', { ...PLAN, name: 'Team', expiry: { value: 6, unit: 'months' }, versions: { min: 2, max: 3 } });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.plan.expiry, { value: 6, unit: 'months' });
    const unknownPlugin = await t.admin('POST', '/admin/plans', { ...PLAN, plugins: ['teleport'] });
    assert.deepEqual([unknownPlugin.status, unknownPlugin.body.error.code], [400, 'REQUEST_INVALID']);
    assert.match(unknownPlugin.body.error.hint, /teleport/);
    const badLimit = await t.admin('POST', '/admin/plans', { ...PLAN, activation_limit: 101 });
    assert.equal(badLimit.status, 400);
    const listed = await t.admin('GET', '/admin/plans');
    assert.ok(listed.body.plans.some((plan: { name: string }) => plan.name === 'Team'));
  });

  test('order → license shown by id and by key, with the order page texts', async () => {
    const plan = await t.admin('POST', '/admin/plans', { ...PLAN, expiry: { value: 1, unit: 'years' } });
    const ordered = await t.admin('POST', '/admin/orders', { plan_id: plan.body.plan.id });
    assert.equal(ordered.status, 201);
    const { key, id } = ordered.body.license;
    assert.match(key, /^KH-/);
    assert.ok(id >= 1 && id < 2 ** 32);
    await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() });
    await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() });
    const byKey = await t.admin('GET', `/admin/licenses/${encodeURIComponent(key)}`);
    const byId = await t.admin('GET', `/admin/licenses/${id}`);
    assert.deepEqual(byKey.body, byId.body);
    assert.equal(byId.body.license.activations_text, '2/5 activations');
    assert.equal(byId.body.license.status, 'active');
    assert.match(byId.body.license.expiry_text, /^\d{4}-\d{2}-\d{2} \d{2}:00 UTC$/);

    const unlimited = await t.admin('POST', `/admin/licenses/${id}/limit`, { activation_limit: null });
    assert.equal(unlimited.body.license.activations_text, '2/Unlimited');
    const never = await t.admin('POST', `/admin/licenses/${id}/expiry`, { expires_at: null });
    assert.equal(never.body.license.expiry_text, 'Never expires');
    const unknown = await t.admin('GET', '/admin/licenses/12');
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'NOT_FOUND']);
    const noPlan = await t.admin('POST', '/admin/orders', { plan_id: 4000 });
    assert.deepEqual([noPlan.status, noPlan.body.error.code], [404, 'NOT_FOUND']);
  });

  test('expiry is stored to the certificate hour, so the API and the certificate agree', async () => {
    const { key, id } = await t.order(PLAN);
    const set = await t.admin('POST', `/admin/licenses/${id}/expiry`, { expires_at: '2031-05-06T07:08:09Z' });
    assert.equal(set.body.license.expires_at, '2031-05-06T08:00:00.000Z');
    const activated = await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() });
    const { payload } = decodeActivationCode(activated.body.certificate, catalog);
    assert.equal(new Date(payload.expiresAt as number).toISOString(), activated.body.license.expires_at);
  });

  test('lowering the limit below the slots in use keeps them and refuses new ones', async () => {
    const { key, id } = await t.order(PLAN);
    await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() });
    await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() });
    const lowered = await t.admin('POST', `/admin/licenses/${id}/limit`, { activation_limit: 1 });
    assert.equal(lowered.body.license.activations_text, '2/1 activations');
    assert.equal((await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() })).status, 409);
  });

  test('activations list and revoke', async () => {
    const { key, id } = await t.order(PLAN);
    const instance = newInstanceId();
    await t.post('/license/activate', { license_key: key, instance_id: instance, instance_name: 'Laptop', metadata: { os: 'macOS 15' } });
    const listed = await t.admin('GET', `/admin/licenses/${id}/activations`);
    const [only] = listed.body.activations;
    assert.deepEqual([only.instance_id, only.instance_name, only.metadata.os, only.status], [instance, 'Laptop', 'macOS 15', 'active']);
    const revoked = await t.admin('POST', `/admin/licenses/${id}/activations/${only.id}/revoke`);
    assert.equal(revoked.body.activation.status, 'revoked');
    const again = await t.admin('POST', `/admin/licenses/${id}/activations/${only.id}/revoke`);
    assert.deepEqual([again.status, again.body.error.code], [404, 'NOT_FOUND']);
    const shown = await t.admin('GET', `/admin/licenses/${id}`);
    assert.equal(shown.body.license.activations_text, '0/5 activations');
  });

  test('deactivate is permanent: no regenerate afterwards', async () => {
    const { id } = await t.order(PLAN);
    const deactivated = await t.admin('POST', `/admin/licenses/${id}/deactivate`, {});
    assert.equal(deactivated.body.license.status, 'deactivated');
    const regenerate = await t.admin('POST', `/admin/licenses/${id}/regenerate`);
    assert.deepEqual([regenerate.status, regenerate.body.error.code], [403, 'LICENSE_DEACTIVATED']);
  });

  test('offline activation works for an offline-only plan and returns a certificate without lease', async () => {
    const { key } = await t.order({ ...PLAN, mode: 'offline' });
    const instance = newInstanceId();
    const res = await t.admin('POST', '/admin/offline-activations', { license_key: key, instance_id: instance });
    assert.equal(res.status, 201);
    const { payload } = decodeActivationCode(res.body.certificate, catalog);
    assert.deepEqual([payload.mode, payload.instanceId, payload.leaseUntil], ['offline', instance, null]);
  });

  test('the test clock route does not exist unless enabled', async () => {
    const res = await t.admin('POST', '/admin/test-clock', { offset_ms: 1 });
    assert.equal(res.status, 404);
  });
});

describe('admin test clock (authority started with testClock)', () => {
  test('shifts the server time, so a license expires without waiting', async () => {
    const t = await startTestAuthority({ testClock: true });
    try {
      const { key } = await t.order({ ...PLAN, expiry: { value: 10, unit: 'days' } });
      assert.equal((await t.post('/license/validate', { license_key: key })).body.valid, true);
      const moved = await t.admin('POST', '/admin/test-clock', { offset_ms: 11 * 86_400_000 });
      assert.equal(moved.body.offset_ms, 11 * 86_400_000);
      const later = await t.post('/license/validate', { license_key: key });
      assert.deepEqual([later.body.valid, later.body.code], [false, 'LICENSE_EXPIRED']);
    } finally {
      await t.close();
    }
  });
});
