import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { certificateDigest, encodeDeactivationCode, encodeRequestCode } from '../../shared/license/offline-codes.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { newInstanceId, PLAN, requestJson, startTestAuthority, type JsonResponse, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';
import { loadProductConfig } from '../product-config.ts';
import { READ_ONLY_POSTS } from './console-auth.ts';

/*
 * Every change the admin API makes lands in the audit log. The routes come from the authority's
 * own OpenAPI document (generated from the router, see admin-console.test.ts), so a new changing
 * route without a way to call it here fails this test, and one that changes without recording
 * fails it too. Each call must leave an event carrying its own request id.
 */

const FINGERPRINT = { machineId: 7, systemUuid: 8, baseboardSerial: 0, diskSerial: 9, cpu: 10, mac: 11 };
const CHANGING = new Set(['post', 'put', 'patch', 'delete']);

describe('admin API: no change without its audit event', () => {
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority();
  });
  after(() => t.close());

  const call = (method: string, path: string, body?: unknown) =>
    requestJson(t.url + path, {
      method,
      headers: { authorization: `Bearer ${t.adminToken}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const ok = async (response: Promise<JsonResponse>) => {
    const answer = await response;
    assert.ok(answer.status >= 200 && answer.status < 300, JSON.stringify(answer.body));
    return answer;
  };
  const newPlan = async (plan: Record<string, unknown> = PLAN) => (await ok(call('POST', '/admin/plans', plan))).body.plan.id as number;
  const newLicense = async (plan: Record<string, unknown> = PLAN) =>
    (await ok(call('POST', '/admin/orders', { plan_id: await newPlan(plan) }))).body.license as { id: number; key: string };
  const offlineActivation = async () => {
    const license = await newLicense({ ...PLAN, mode: 'offline' });
    const instanceId = newInstanceId();
    const request_code = encodeRequestCode({ licenseKey: license.key, instanceId, fingerprint: FINGERPRINT, appVersion: { major: 1, minor: 0, patch: 0 }, createdAt: Date.now() });
    return { license, instanceId, request_code };
  };

  // One way to make each changing route change something, keyed as the OpenAPI document names it.
  const recipes: Record<string, () => Promise<JsonResponse>> = {
    'post /admin/plans': () => call('POST', '/admin/plans', PLAN),
    'put /admin/plans/{id}': async () => call('PUT', `/admin/plans/${await newPlan()}`, { ...PLAN, name: 'Pro (renamed)' }),
    'post /admin/orders': async () => call('POST', '/admin/orders', { plan_id: await newPlan() }),
    'post /admin/licenses/{ref}/regenerate': async () => call('POST', `/admin/licenses/${(await newLicense()).id}/regenerate`, {}),
    'post /admin/licenses/{ref}/limit': async () => call('POST', `/admin/licenses/${(await newLicense()).id}/limit`, { activation_limit: 9 }),
    'post /admin/licenses/{ref}/expiry': async () => call('POST', `/admin/licenses/${(await newLicense()).id}/expiry`, { expires_at: '2031-01-01' }),
    'post /admin/licenses/{ref}/deactivate': async () => call('POST', `/admin/licenses/${(await newLicense()).id}/deactivate`, {}),
    'post /admin/licenses/{ref}/activations/{activation}/revoke': async () => {
      const license = await newLicense();
      const activated = await ok(t.post('/license/activate', { license_key: license.key, instance_id: newInstanceId(), instance_name: 'Desk', metadata: {} }));
      return call('POST', `/admin/licenses/${license.id}/activations/${activated.body.activation.id}/revoke`, {});
    },
    'post /admin/offline-activations': async () => call('POST', '/admin/offline-activations', { request_code: (await offlineActivation()).request_code }),
    'post /admin/offline-deactivations': async () => {
      const { license, instanceId, request_code } = await offlineActivation();
      const activated = await ok(call('POST', '/admin/offline-activations', { request_code }));
      const digest = await certificateDigest(activated.body.certificate, pluginCatalog(loadProductConfig()));
      const deactivation_code = encodeDeactivationCode({ licenseId: license.id, instanceId, certificateDigest: digest, deactivatedAt: Date.now() });
      return call('POST', '/admin/offline-deactivations', { deactivation_code });
    },
    'post /admin/tokens': () => call('POST', '/admin/tokens', { label: 'shop webhook', expires_at: null }),
    'post /admin/tokens/{id}/revoke': async () => {
      const created = await ok(call('POST', '/admin/tokens', { label: 'to revoke', expires_at: null }));
      return call('POST', `/admin/tokens/${created.body.admin_token.id}/revoke`, {});
    },
  };

  test('each changing admin route the router knows leaves an audit event with its request id', async () => {
    const doc = (await ok(call('GET', '/admin/openapi.json'))).body as { paths: Record<string, Record<string, unknown>> };
    const changing = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).filter((method) => CHANGING.has(method)).map((method) => ({ method, path })),
    );
    assert.ok(changing.length >= Object.keys(recipes).length, 'the document lists the changing routes');
    const covered = new Set<string>();
    for (const { method, path } of changing) {
      if (READ_ONLY_POSTS.has(path)) continue; // changes nothing: a support user may call it
      const route = `${method} ${path}`;
      const recipe = recipes[route];
      assert.ok(recipe, `${route} changes data: add it to the recipes here, and record its change with recordAudit`);
      const answer = await ok(recipe());
      const requestId = answer.headers.get('x-request-id');
      const events = (await ok(call('GET', '/admin/audit?limit=100'))).body.events as { actor: string; request_id: string | null }[];
      const mine = events.filter((event) => event.request_id === requestId);
      assert.ok(mine.length > 0, `${route} made a change that is not in the audit log`);
      assert.ok(mine.every((event) => event.actor.startsWith('token:')), `${route} names its caller`);
      covered.add(route);
    }
    assert.deepEqual([...Object.keys(recipes)].filter((route) => !covered.has(route)), [], 'every recipe is a route the router has');
  });
});
