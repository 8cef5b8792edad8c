import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newInstanceId, PLAN, requestJson, startTestAuthority, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';

/* The admin API's console parts over real HTTP: audit log, overview, API tokens, OpenAPI document. */

interface AuditEvent {
  id: number;
  actor: string;
  action: string;
  license_id: number | null;
  order_id: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
}

describe('admin API: audit, overview, tokens, OpenAPI', () => {
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority();
  });
  after(() => t.close());

  const bearer = (token: string, method: string, path: string, body?: unknown) =>
    requestJson(t.url + path, { method, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  test('every change lands in the audit log with who, what, before → after and the request id, newest first', async () => {
    const { id } = await t.order(PLAN);
    const limit = await t.admin('POST', `/admin/licenses/${id}/limit`, { activation_limit: 9 });
    assert.equal(limit.status, 200);
    await t.admin('POST', `/admin/licenses/${id}/expiry`, { expires_at: '2031-05-01' });
    await t.admin('POST', `/admin/licenses/${id}/deactivate`, {});

    const page = await t.admin('GET', `/admin/licenses/${id}/audit`);
    assert.equal(page.status, 200);
    const events = page.body.events as AuditEvent[];
    assert.deepEqual(events.map((e) => e.action), ['license.deactivate', 'license.expiry', 'license.limit', 'order.create']);
    const [, expiry, changed] = events as [AuditEvent, AuditEvent, AuditEvent];
    assert.match(changed.actor, /^token:/);
    assert.equal(changed.request_id, limit.headers.get('x-request-id'));
    assert.deepEqual([changed.before?.['activation_limit'], changed.after?.['activation_limit']], [PLAN.activation_limit, 9]);
    assert.deepEqual([expiry.before?.['expires_at'], expiry.after?.['expires_at']], [null, '2031-05-01T00:00:00.000Z']);
    assert.match(String(changed.after?.['key_redacted']), /^KH-\w{5}-…-\w{5}$/, 'the key only redacted');
    assert.ok(!JSON.stringify(page.body).includes((await t.admin('GET', `/admin/licenses/${id}`)).body.license.key));

    const global = await t.admin('GET', `/admin/audit?action=license.limit&limit=1`);
    assert.deepEqual(global.body.events.map((e: AuditEvent) => e.license_id), [id]);
    const firstTwo = await t.admin('GET', `/admin/audit?license=${id}&limit=2`);
    const rest = await t.admin('GET', `/admin/audit?license=${id}&limit=2&cursor=${firstTwo.body.next_cursor}`);
    assert.deepEqual([...firstTwo.body.events, ...rest.body.events].map((e: AuditEvent) => e.id), events.map((e) => e.id));
    assert.equal(rest.body.next_cursor, null);
    const future = await t.admin('GET', `/admin/audit?since=2100-01-01`);
    assert.deepEqual(future.body.events, []);
    const bad = await t.admin('GET', '/admin/audit?since=yesterday');
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'REQUEST_INVALID']);
  });

  test('the overview counts active licenses, recent activations, refusals by code and licenses expiring soon', async () => {
    const before = (await t.admin('GET', '/admin/overview')).body;
    const { key, id } = await t.order({ ...PLAN, activation_limit: 1 });
    assert.equal((await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() })).status, 200);
    for (let i = 0; i < 3; i++) assert.equal((await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() })).status, 409);
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await t.admin('POST', `/admin/licenses/${id}/expiry`, { expires_at: soon });

    const now = (await t.admin('GET', '/admin/overview')).body;
    assert.equal(now.active_licenses, before.active_licenses + 1);
    assert.equal(now.activations.last_24_hours, before.activations.last_24_hours + 1);
    assert.equal(now.activations.last_7_days, before.activations.last_7_days + 1);
    const refused = (counts: { code: string; count: number }[]) => counts.find((c) => c.code === 'ACTIVATION_LIMIT_REACHED')?.count ?? 0;
    assert.equal(refused(now.refusals.last_24_hours), refused(before.refusals.last_24_hours) + 3);
    assert.equal(now.expiring_within_30_days.count, before.expiring_within_30_days.count + 1);
    assert.ok(now.expiring_within_30_days.first.some((l: { license_id: number }) => l.license_id === id));
  });

  test('API tokens: created with the token shown once, listed without it, revoked; a token cannot revoke itself', async () => {
    const created = await t.admin('POST', '/admin/tokens', { label: 'billing webhook', expires_at: '2099-01-01' });
    assert.equal(created.status, 201);
    const { token, admin_token: view } = created.body;
    assert.match(token, /^kha_/);
    assert.deepEqual([view.label, view.status, view.expires_at], ['billing webhook', 'active', '2099-01-01T00:00:00.000Z']);
    assert.equal((await bearer(token, 'GET', '/admin/plans')).status, 200, 'the new token works');

    const listed = await t.admin('GET', '/admin/tokens');
    assert.ok(listed.body.tokens.some((x: { id: number }) => x.id === view.id));
    assert.ok(!JSON.stringify(listed.body).includes(token), 'the list never shows a token');

    const self = await bearer(token, 'POST', `/admin/tokens/${view.id}/revoke`, {});
    assert.deepEqual([self.status, self.body.error.code], [400, 'REQUEST_INVALID']);
    assert.match(self.body.error.hint, /cannot revoke itself/);
    const revoked = await t.admin('POST', `/admin/tokens/${view.id}/revoke`, {});
    assert.deepEqual([revoked.status, revoked.body.admin_token.status], [200, 'revoked']);
    assert.equal((await bearer(token, 'GET', '/admin/plans')).status, 401, 'refused from the next request');
    const again = await t.admin('POST', `/admin/tokens/${view.id}/revoke`, {});
    assert.deepEqual([again.status, again.body.error.code], [404, 'NOT_FOUND']);
    const past = await t.admin('POST', '/admin/tokens', { label: 'old', expires_at: '2001-01-01' });
    assert.deepEqual([past.status, past.body.error.code], [400, 'REQUEST_INVALID']);

    const audit = (await t.admin('GET', '/admin/audit?limit=100')).body.events as AuditEvent[];
    const mine = audit.filter((e) => e.action.startsWith('token.') && (e.after?.['token_id'] === view.id));
    assert.deepEqual(mine.map((e) => e.action), ['token.revoke', 'token.create']);
  });

  test('/admin/openapi.json describes every admin route with its body schema, behind the admin token', async () => {
    assert.equal((await requestJson(`${t.url}/admin/openapi.json`)).status, 401);
    const doc = await t.admin('GET', '/admin/openapi.json');
    assert.equal(doc.status, 200);
    assert.match(doc.body.openapi, /^3\./);
    // Every admin path the router knows is in the document (the router's own list, not ours).
    for (const path of routedPaths(t.authority.app.printRoutes({ commonPrefix: false }))) {
      if (!path.startsWith('/admin/') || path === '/admin/openapi.json') continue;
      assert.ok(doc.body.paths[path.replace(/:(\w+)/g, '{$1}')], `${path} is in the document`);
    }
    const expected: [string, string, string | null][] = [
      ['post', '/admin/plans', 'name'],
      ['get', '/admin/plans', null],
      ['get', '/admin/plugins', null],
      ['post', '/admin/orders', 'plan_id'],
      ['get', '/admin/orders', null],
      ['get', '/admin/orders/{id}', null],
      ['get', '/admin/licenses/{ref}', null],
      ['post', '/admin/licenses/{ref}/limit', 'activation_limit'],
      ['post', '/admin/licenses/{ref}/expiry', 'expires_at'],
      ['post', '/admin/licenses/{ref}/regenerate', null],
      ['post', '/admin/licenses/{ref}/deactivate', null],
      ['get', '/admin/licenses/{ref}/activations', null],
      ['post', '/admin/licenses/{ref}/activations/{activation}/revoke', null],
      ['post', '/admin/offline-deactivations', 'deactivation_code'],
      ['get', '/admin/audit', null],
      ['get', '/admin/licenses/{ref}/audit', null],
      ['get', '/admin/overview', null],
      ['post', '/admin/support/lookup', null],
      ['get', '/admin/tokens', null],
      ['post', '/admin/tokens', 'label'],
      ['post', '/admin/tokens/{id}/revoke', null],
    ];
    for (const [method, path, field] of expected) {
      const operation = doc.body.paths[path]?.[method];
      assert.ok(operation, `${method.toUpperCase()} ${path} is in the document`);
      if (field !== null) {
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        assert.ok(schema?.properties?.[field], `${method.toUpperCase()} ${path} documents its body field ${field}`);
      }
    }
    assert.ok(!doc.body.paths['/admin/plans']?.delete, 'the 405 guards are not operations');
    assert.ok(!Object.keys(doc.body.paths).some((p) => !p.startsWith('/admin/')), 'only the admin API');
  });
});

/** The full paths of Fastify's printRoutes tree (each level indented by four characters). */
function routedPaths(tree: string): string[] {
  const stack: string[] = [];
  const paths: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(/.exec(line);
    if (!match) continue;
    const depth = (match[1] as string).length / 4;
    stack.length = depth;
    stack.push(match[2] as string);
    paths.push(stack.join(''));
  }
  return paths;
}
