import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOG } from '../../../shared/errors/catalog.ts';
import { ApiError } from './api-error.ts';
import { createApiClient } from './client.ts';

/* The console's one client against a scripted fetch: what it sends and what a page gets back. */

type Call = { path: string; method: string; headers: Record<string, string> };

function scripted(answers: Record<string, () => Response>) {
  const calls: Call[] = [];
  const fetch = async (path: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ path: String(path), method: init.method ?? 'GET', headers: { ...(init.headers as Record<string, string>) } });
    const answer = answers[`${init.method ?? 'GET'} ${String(path)}`];
    if (!answer) throw new TypeError('fetch failed');
    return answer();
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status });
const SESSION = { user: { email: 'a@example.com', role: 'admin' }, csrf_token: 'csrf-1' };

test('every change carries the session CSRF token; reads do not need it', async () => {
  const { calls, fetch } = scripted({ 'GET /console/api/session': json(200, SESSION), 'POST /admin/plans': json(201, { plan: {} }), 'GET /admin/plans': json(200, { plans: [] }) });
  const api = createApiClient({ onSignedOut: () => assert.fail('still signed in'), fetch });
  await api.session();
  await api.get('/admin/plans');
  await api.send('POST', '/admin/plans', { name: 'x' });
  assert.equal(calls[1]?.headers['x-csrf-token'], undefined);
  assert.equal(calls[2]?.headers['x-csrf-token'], 'csrf-1');
});

test('errors arrive as catalog codes; a gone session sends the person to sign-in, a support refusal does not', async () => {
  let signedOut = 0;
  let session = json(200, SESSION);
  const { fetch } = scripted({
    'GET /console/api/session': () => session(),
    'POST /admin/licenses/1/deactivate': json(401, { error: { code: 'UNAUTHORIZED', hint: 'a support user can look things up but not change them', request_id: 'r1' } }),
    'GET /admin/orders/9': json(404, { error: { code: 'NOT_FOUND', request_id: 'r2' } }),
    'GET /admin/weird': json(500, { error: { code: 'SOMETHING_NEW' } }),
  });
  const api = createApiClient({ onSignedOut: () => (signedOut += 1), fetch });
  await api.session();
  const refused = await api.send('POST', '/admin/licenses/1/deactivate').catch((e: unknown) => e);
  assert.ok(refused instanceof ApiError);
  assert.deepEqual([refused.code, refused.message, refused.detail, refused.requestId, signedOut], ['UNAUTHORIZED', CATALOG.UNAUTHORIZED.title, 'a support user can look things up but not change them', 'r1', 0]);
  assert.equal(((await api.get('/admin/orders/9').catch((e: unknown) => e)) as ApiError).code, 'NOT_FOUND');
  assert.equal(((await api.get('/admin/weird').catch((e: unknown) => e)) as ApiError).code, 'SERVER_ERROR', 'an unknown code is the server\'s problem');
  assert.equal(((await api.get('/admin/unreachable').catch((e: unknown) => e)) as ApiError).code, 'SERVER_UNREACHABLE');

  session = json(401, { error: { code: 'UNAUTHORIZED' } });
  await api.send('POST', '/admin/licenses/1/deactivate').catch(() => undefined);
  assert.equal(signedOut, 1, 'the session is gone: off to sign-in');
});
