import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { requestJson, startTestAuthority, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';
import { loadProductConfig } from '../product-config.ts';

/* Plans over HTTP: an edit gives future orders the new settings (licenses already sold keep theirs); the plugin catalog they are chosen from. */

describe('admin API: plans and their plugins', () => {
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority();
  });
  after(() => t.close());

  const put = (path: string, body: unknown) =>
    requestJson(t.url + path, { method: 'PUT', headers: { authorization: `Bearer ${t.adminToken}` }, body: JSON.stringify(body) });
  const FIRST = { name: 'Pro', activation_limit: 2, expiry: null, mode: 'online', plugins: ['reports'], release_limit: { count: 5, days: 7 } };
  const EDITED = { name: 'Pro 2', activation_limit: 10, expiry: { value: 12, unit: 'months' }, mode: 'online', plugins: ['reports', 'sync'], versions: { min: 1, max: 4 } };

  test('saves the new settings for future orders; the license sold before keeps what it was sold with', async () => {
    const plan = (await t.admin('POST', '/admin/plans', FIRST)).body.plan;
    const before = (await t.admin('POST', '/admin/orders', { plan_id: plan.id })).body.license;

    const edited = await put(`/admin/plans/${plan.id}`, EDITED);
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual(
      { ...edited.body.plan, created_at: undefined },
      { id: plan.id, ...EDITED, release_limit: { count: 5, days: 7 }, created_at: undefined },
      'a release limit left out stays as it was',
    );
    const listed = (await t.admin('GET', '/admin/plans')).body.plans.find((p: { id: number }) => p.id === plan.id);
    assert.equal(listed.name, 'Pro 2');

    const sold = (await t.admin('GET', `/admin/licenses/${before.id}`)).body.license;
    assert.deepEqual(
      [sold.activation_limit, sold.expires_at, sold.plugins, sold.plan.name, sold.plan.versions],
      [2, null, ['reports'], 'Pro', { min: 0, max: null }],
      'the license sold before the edit is unchanged',
    );
    const after = (await t.admin('POST', '/admin/orders', { plan_id: plan.id })).body.license;
    assert.deepEqual([after.activation_limit, after.plugins, after.plan.name, after.plan.versions], [10, ['reports', 'sync'], 'Pro 2', { min: 1, max: 4 }]);
    assert.notEqual(after.expires_at, null, 'orders after the edit expire 12 months after purchase');
  });

  test('bad settings and unknown plans are refused and change nothing', async () => {
    const plan = (await t.admin('POST', '/admin/plans', FIRST)).body.plan;
    const refusals = [
      [await put(`/admin/plans/${plan.id}`, { ...EDITED, activation_limit: 101 }), 400, 'REQUEST_INVALID'],
      [await put(`/admin/plans/${plan.id}`, { ...EDITED, plugins: ['no-such-plugin'] }), 400, 'REQUEST_INVALID'],
      [await put(`/admin/plans/${plan.id}`, { ...EDITED, versions: { min: 5, max: 2 } }), 400, 'REQUEST_INVALID'],
      [await put('/admin/plans/4000', EDITED), 404, 'NOT_FOUND'],
      [await put('/admin/plans/abc', EDITED), 400, 'REQUEST_INVALID'],
    ] as const;
    for (const [response, status, code] of refusals) {
      assert.equal(response.status, status, JSON.stringify(response.body));
      assert.equal(response.body.error.code, code);
    }
    const unchanged = (await t.admin('GET', '/admin/plans')).body.plans.find((p: { id: number }) => p.id === plan.id);
    assert.deepEqual([unchanged.name, unchanged.activation_limit, unchanged.plugins], ['Pro', 2, ['reports']]);
  });

  test('without the admin token the edit is refused', async () => {
    const plan = (await t.admin('POST', '/admin/plans', FIRST)).body.plan;
    const response = await requestJson(`${t.url}/admin/plans/${plan.id}`, { method: 'PUT', body: JSON.stringify(EDITED) });
    assert.equal(response.status, 401);
  });

  test("GET /admin/plugins is the product's plugin catalog in catalog order, what a plan's plugins are ticked from", async () => {
    const answer = await t.admin('GET', '/admin/plugins');
    assert.equal(answer.status, 200);
    const expected = loadProductConfig().plugins.map(({ id, name, description }) => ({ id, name, description }));
    assert.deepEqual(answer.body.plugins, expected);
    assert.equal((await requestJson(`${t.url}/admin/plugins`)).status, 401, 'behind the admin auth like the rest');
  });

  test('an edit is in the audit log under whoever made it', async () => {
    const plan = (await t.admin('POST', '/admin/plans', FIRST)).body.plan;
    const edited = await put(`/admin/plans/${plan.id}`, EDITED);
    const events = (await t.admin('GET', '/admin/audit?action=plan.edit&limit=1')).body.events;
    assert.deepEqual([events[0].actor, events[0].plan_id, events[0].request_id], ['token:created by authority init', plan.id, edited.headers.get('x-request-id')]);
  });
});
