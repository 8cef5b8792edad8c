import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { redactLicenseKey } from '../../shared/format/license-key.ts';
import { toWireFingerprint } from '../../shared/license/fingerprint.ts';
import { newInstanceId, PLAN, requestJson, startTestAuthority, type JsonResponse, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';

const FP = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };

/* The admin API's orders: customers, idempotent creation for webhooks, search with keyset paging. */

describe('admin API: orders and search', () => {
  let t: TestAuthority;
  let planId: number;
  const placeOrder = (body: unknown, idempotencyKey?: string): Promise<JsonResponse> =>
    requestJson(`${t.url}/admin/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.adminToken}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      body: JSON.stringify(body),
    });
  before(async () => {
    t = await startTestAuthority();
    planId = (await t.admin('POST', '/admin/plans', PLAN)).body.plan.id;
  });
  after(() => t.close());

  test('a retried webhook (same Idempotency-Key) gets the same order and key: 201 then 200, one license', async () => {
    const body = { plan_id: planId, customer: { email: 'webhook@example.com', name: 'Web Hook', reference: null } };
    const first = await placeOrder(body, 'evt_123');
    const retry = await placeOrder(body, 'evt_123');
    assert.deepEqual([first.status, retry.status], [201, 200]);
    assert.equal(retry.body.license.key, first.body.license.key);
    assert.equal(retry.body.order.id, first.body.order.id);
    assert.deepEqual(first.body.order.customer, { email: 'webhook@example.com', name: 'Web Hook', reference: null });
    const listed = await t.admin('GET', '/admin/orders?q=webhook@example.com');
    assert.equal(listed.body.orders.length, 1, 'one order, not two');
  });

  test('the external reference alone makes a retry idempotent, even when both deliveries race', async () => {
    const body = { plan_id: planId, customer: { email: 'race@example.com', name: null, reference: 'shop-order-77' } };
    const answers = await Promise.all([placeOrder(body), placeOrder(body), placeOrder(body)]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 201]);
    assert.equal(new Set(answers.map((a) => a.body.license.key)).size, 1);
    const reused = await placeOrder({ ...body, customer: { ...body.customer, email: 'other@example.com' } });
    assert.deepEqual([reused.status, reused.body.error.code], [400, 'REQUEST_INVALID']);
    assert.match(reused.body.error.hint, /another plan or customer/);
  });

  test('search finds an order by email prefix, name, order number, redacted key and Instance ID', async () => {
    const placed = await placeOrder({ plan_id: planId, customer: { email: 'Zoe.Search@Example.com', name: 'Zoë Searcher', reference: 'ref-zoe' } });
    const { order, license } = placed.body;
    const instanceId = newInstanceId();
    const activated = await t.post('/license/activate', { license_key: license.key, instance_id: instanceId, fingerprint: toWireFingerprint(FP) });
    assert.equal(activated.status, 200, JSON.stringify(activated.body));
    for (const q of ['zoe.search', 'ZOË SEARCH', String(order.id), 'ref-zoe', redactLicenseKey(license.key), license.key.toLowerCase(), instanceId]) {
      const found = await t.admin('GET', `/admin/orders?q=${encodeURIComponent(q)}`);
      assert.equal(found.status, 200, q);
      assert.ok(found.body.orders.some((o: { id: number }) => o.id === order.id), `q=${q} finds the order`);
      const listed = found.body.orders.find((o: { id: number }) => o.id === order.id);
      assert.equal(listed.license.key, undefined, 'a list never shows the whole key');
      assert.equal(listed.license.key_redacted, redactLicenseKey(license.key));
    }
    const shown = await t.admin('GET', `/admin/orders/${order.id}`);
    assert.equal(shown.body.order.license.key, license.key, 'the order page shows the key');
    assert.equal(shown.body.order.license.activations_text, '1/5 activations');
  });

  test('pages through every order once with a cursor, and refuses a made-up cursor', async () => {
    for (let i = 0; i < 5; i++) await placeOrder({ plan_id: planId, customer: { email: `page${i}@example.com`, name: null, reference: null } });
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const res: JsonResponse = await t.admin('GET', `/admin/orders?q=page&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.orders.map((o: { id: number }) => o.id));
      cursor = res.body.next_cursor;
      if (cursor === null) break;
    }
    assert.equal(seen.length, 5);
    assert.deepEqual(seen, [...seen].sort((a, b) => b - a), 'newest first, none twice');
    const bad = await t.admin('GET', '/admin/orders?cursor=bm9wZQ');
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'REQUEST_INVALID']);
    const badLimit = await t.admin('GET', '/admin/orders?limit=1000');
    assert.equal(badLimit.status, 400);
  });

  test('filters by status and expiring soon', async () => {
    const expiring = (await t.admin('POST', '/admin/plans', { ...PLAN, name: 'Month', expiry: { value: 10, unit: 'days' } })).body.plan.id;
    const soon = await placeOrder({ plan_id: expiring, customer: { email: 'soon@example.com', name: null, reference: null } });
    const within = await t.admin('GET', '/admin/orders?expiring_within_days=30');
    assert.deepEqual(within.body.orders.map((o: { id: number }) => o.id), [soon.body.order.id]);
    assert.deepEqual((await t.admin('GET', '/admin/orders?expiring_within_days=5')).body.orders, []);
    assert.deepEqual((await t.admin('GET', `/admin/orders?plan=${expiring}`)).body.orders.length, 1);
    await t.admin('POST', `/admin/licenses/${soon.body.license.id}/deactivate`);
    const deactivated = await t.admin('GET', '/admin/orders?status=deactivated');
    assert.deepEqual(deactivated.body.orders.map((o: { id: number }) => o.id), [soon.body.order.id]);
  });

  test('trials stay out of the order list unless asked for (kind=trial, kind=all), and each order says its kind', async () => {
    const trialPlan = { name: 'Studio Trial', activation_limit: 1, expiry: { value: 14, unit: 'days' }, mode: 'trial', plugins: [] };
    assert.equal((await t.admin('POST', '/admin/plans', trialPlan)).status, 201);
    const started = await t.post('/license/trial', { instance_id: newInstanceId(), fingerprint: toWireFingerprint(FP), metadata: {}, app_version: '1.2.0' });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const trialOrder = (await t.admin('GET', `/admin/licenses/${started.body.license.id}`)).body.license.order_id;
    const paidOrder = (await placeOrder({ plan_id: planId })).body.order.id;

    const ids = async (query: string) => (await t.admin('GET', `/admin/orders?limit=100${query}`)).body.orders.map((o: { id: number; kind: string }) => [o.id, o.kind]);
    const byDefault = await ids('');
    assert.deepEqual(byDefault[0], [paidOrder, 'paid']);
    assert.ok(!byDefault.some(([id]: [number]) => id === trialOrder), 'no trial in the default list');
    assert.deepEqual(await ids('&kind=trial'), [[trialOrder, 'trial']]);
    assert.deepEqual((await ids('&kind=all')).slice(0, 2), [[paidOrder, 'paid'], [trialOrder, 'trial']]);
    assert.equal((await t.admin('GET', `/admin/orders/${trialOrder}`)).body.order.kind, 'trial');
    const bad = await t.admin('GET', '/admin/orders?kind=free');
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'REQUEST_INVALID']);
  });

  test("a license's activations come a page at a time", async () => {
    const { key, id } = await t.order({ ...PLAN, name: 'Many', activation_limit: null });
    for (let i = 0; i < 3; i++) {
      await t.post('/license/activate', { license_key: key, instance_id: newInstanceId(), fingerprint: toWireFingerprint({ ...FP, machineId: i }) });
    }
    const first = await t.admin('GET', `/admin/licenses/${id}/activations?limit=2`);
    assert.equal(first.body.activations.length, 2);
    const rest = await t.admin('GET', `/admin/licenses/${id}/activations?limit=2&cursor=${first.body.next_cursor}`);
    assert.deepEqual([rest.body.activations.length, rest.body.next_cursor], [1, null]);
  });
});
