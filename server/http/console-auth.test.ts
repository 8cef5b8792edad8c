import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { addConsoleUser } from '../licensing/console-users.ts';
import { DEFAULT_RATE_LIMITS } from './rate-limit.ts';
import { PLAN, requestJson, startTestAuthority, withoutRequestId, type JsonResponse, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';

/* Console users over real HTTP: sign-in links, session cookies, CSRF on every change, roles on the server. */

interface Browser {
  readonly cookie: string;
  readonly csrf: string;
}

describe('console sessions and roles', () => {
  let t: TestAuthority;
  let admin: Browser;
  let support: Browser;
  let licenseId: number;

  const call = (browser: Browser | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    requestJson(t.url + path, {
      method,
      redirect: 'manual',
      headers: { ...(browser ? { cookie: browser.cookie } : {}), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const change = (browser: Browser, method: string, path: string, body?: unknown) => call(browser, method, path, body, { 'x-csrf-token': browser.csrf });

  const followLink = async (email: string, role: 'admin' | 'support'): Promise<Browser> => {
    const { linkToken } = await addConsoleUser(t.authority.context, email, role);
    const res = await call(null, 'POST', '/console/api/set-password', { token: linkToken, password: 'correct horse battery' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const setCookie = res.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    return { cookie: setCookie.split(';')[0] as string, csrf: res.body.csrf_token };
  };

  before(async () => {
    t = await startTestAuthority();
    admin = await followLink('Boss@Example.com', 'admin');
    support = await followLink('help@example.com', 'support');
    licenseId = (await t.order(PLAN)).id;
  });
  after(() => t.close());

  test('signed out: the API answers 401 in the catalog shape and every page redirects to sign-in', async () => {
    const api = await call(null, 'GET', '/admin/orders');
    assert.equal(api.status, 401);
    assert.deepEqual(withoutRequestId(api), { error: { code: 'UNAUTHORIZED', message: CATALOG.UNAUTHORIZED.title } });
    const back = { '/console': '/console/sign-in', '/console/orders': '/console/sign-in?next=%2Fconsole%2Forders', '/console/orders/1?x=1': '/console/sign-in?next=%2Fconsole%2Forders%2F1%3Fx%3D1' };
    for (const [path, location] of Object.entries(back)) {
      const page = await fetch(t.url + path, { redirect: 'manual' });
      assert.equal(page.status, 303, path);
      assert.equal(page.headers.get('location'), location, 'sign-in brings the browser back to the page it asked for');
    }
    const signIn = await fetch(`${t.url}/console/sign-in`);
    assert.equal(signIn.status, 200);
    assert.match(signIn.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  });

  test('an admin session reads and changes through the same admin API, with its CSRF token', async () => {
    assert.equal((await call(admin, 'GET', '/admin/orders')).status, 200);
    const created = await change(admin, 'POST', '/admin/orders', { plan_id: 1, customer: { email: 'c@example.com', name: null, reference: null } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const events = (await call(admin, 'GET', `/admin/licenses/${created.body.license.id}/audit`)).body.events;
    assert.deepEqual(events.map((e: { actor: string; action: string }) => [e.actor, e.action]), [['console:boss@example.com', 'order.create']]);
    assert.equal(events[0].request_id, created.headers.get('x-request-id'));
  });

  test('a forged cross-site POST (the cookie rides along, the CSRF token cannot) is refused and changes nothing', async () => {
    const form = await call(admin, 'POST', `/admin/licenses/${licenseId}/deactivate`, '', {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://evil.example',
    });
    const wrong = await call(admin, 'POST', `/admin/licenses/${licenseId}/deactivate`, {}, { 'x-csrf-token': 'x'.repeat(43) });
    const otherSession = await call(admin, 'POST', `/admin/licenses/${licenseId}/deactivate`, {}, { 'x-csrf-token': support.csrf });
    for (const res of [form, wrong, otherSession]) {
      assert.deepEqual([res.status, res.body.error.code], [401, 'UNAUTHORIZED']);
      assert.match(res.body.error.hint, /CSRF/);
    }
    assert.equal((await call(admin, 'GET', `/admin/licenses/${licenseId}`)).body.license.status, 'active');
  });

  test('a support user can look everything up but every change is refused on the server', async () => {
    assert.equal((await call(support, 'GET', `/admin/licenses/${licenseId}`)).status, 200);
    assert.equal((await call(support, 'GET', '/admin/orders?q=c@example.com')).body.orders.length, 1);
    const attempts: JsonResponse[] = [
      await change(support, 'POST', `/admin/licenses/${licenseId}/deactivate`, {}),
      await change(support, 'POST', `/admin/licenses/${licenseId}/limit`, { activation_limit: 100 }),
      await change(support, 'POST', '/admin/plans', { ...PLAN, name: 'Sneaky' }),
      await change(support, 'POST', '/admin/orders', { plan_id: 1 }),
    ];
    for (const res of attempts) {
      // 403, not 401: the user is signed in; the role is what may not change things.
      assert.deepEqual([res.status, res.body.error.code, res.body.error.message], [403, 'ROLE_READ_ONLY', CATALOG.ROLE_READ_ONLY.title]);
      assert.match(res.body.error.hint, /support user/);
    }
    const audited = (await t.admin('GET', `/admin/audit?actor=${encodeURIComponent('console:help@example.com')}`)).body;
    assert.deepEqual(audited.events.map((e: { action: string }) => e.action), ['user.password'], 'a refused change leaves no audit event (setting its own password does)');
    const license = (await t.admin('GET', `/admin/licenses/${licenseId}`)).body.license;
    assert.deepEqual([license.status, license.activation_limit], ['active', PLAN.activation_limit]);
  });

  test('a sign-in link works once; sign-in checks the password; signing out ends the session', async () => {
    const { linkToken } = await addConsoleUser(t.authority.context, 'once@example.com', 'support');
    const first = await call(null, 'POST', '/console/api/set-password', { token: linkToken, password: 'a long enough password' });
    assert.equal(first.status, 200);
    const again = await call(null, 'POST', '/console/api/set-password', { token: linkToken, password: 'another long password' });
    assert.deepEqual([again.status, again.body.error.code], [401, 'UNAUTHORIZED']);
    const events = (await t.admin('GET', `/admin/audit?limit=100`)).body.events as { actor: string; action: string; after: { email: string } }[];
    const own = events.filter((e) => e.after?.email === 'once@example.com').map((e) => [e.actor, e.action]);
    assert.deepEqual(own, [['console:once@example.com', 'user.password'], ['authority', 'user.add']], 'added, then the password set once');
    const short = await addConsoleUser(t.authority.context, 'short@example.com', 'support');
    assert.equal((await call(null, 'POST', '/console/api/set-password', { token: short.linkToken, password: 'short' })).status, 400);

    const wrong = await call(null, 'POST', '/console/api/sign-in', { email: 'once@example.com', password: 'another long password' });
    assert.equal(wrong.status, 401);
    const right = await call(null, 'POST', '/console/api/sign-in', { email: 'ONCE@example.com', password: 'a long enough password' });
    assert.equal(right.status, 200);
    const browser = { cookie: (right.headers.get('set-cookie') ?? '').split(';')[0] as string, csrf: right.body.csrf_token };
    assert.equal((await call(browser, 'GET', '/console/api/session')).body.user.email, 'once@example.com');
    assert.equal((await change(browser, 'POST', '/console/api/sign-out')).status, 200);
    assert.equal((await call(browser, 'GET', '/admin/orders')).status, 401);
  });
});

test('sign-in is rate-limited: the sixth wrong guess within a minute is refused with 429', async () => {
  const t = await startTestAuthority({ rateLimits: DEFAULT_RATE_LIMITS });
  try {
    await addConsoleUser(t.authority.context, 'target@example.com', 'admin');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await requestJson(`${t.url}/console/api/sign-in`, { method: 'POST', body: JSON.stringify({ email: 'target@example.com', password: `guess-${i}` }) });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
  } finally {
    await t.close();
  }
});
