import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startBrowserHost, type BrowserHost } from '../../node-core/browser-host/browser-host.ts';
import { ERROR_CODES } from '../../shared/errors/catalog.ts';
import type { HandlerTable } from '../../shared/ipc/contract.ts';
import { createDoor } from '../../shared/ipc/door.ts';
import { startTestAuthority, type TestAuthority } from '../harness/authority/test-authority.ts';
import { hostileRequests, rawGet, rawRequest, type RawAnswer } from '../harness/http/raw-http.ts';

/*
 * No request may end a server: both HTTP servers get the same table of hostile requests over a raw
 * socket, and after each one must still answer an ordinary request. The authority answers none of
 * them 200 (its admin API wants a token); the browser host at most serves its page, never its API
 * (that wants the launch secret).
 */

/** An answer with a body must be the catalog's JSON error shape, never a stack trace. */
function assertCatalogBody(answer: RawAnswer, name: string): void {
  if (answer.body === '' || !/content-type: application\/json/i.test(answer.head)) return;
  const parsed = JSON.parse(answer.body) as { error?: { code?: string; message?: string } };
  assert.ok(ERROR_CODES.includes(parsed.error?.code as never), `${name}: ${answer.body.slice(0, 200)}`);
  assert.doesNotMatch(answer.body, /\bat .*\.ts:\d+/, `${name}: no stack trace`);
}

describe('the authority survives hostile requests', () => {
  let t: TestAuthority;
  let port: number;
  const logged: unknown[] = [];
  before(async () => {
    t = await startTestAuthority({ log: (error) => logged.push(error) });
    port = Number(new URL(t.url).port);
  });
  after(() => t.close());

  for (const { name, text } of hostileRequests(0)) {
    test(name, async () => {
      const answer = await rawRequest(port, text.replaceAll('127.0.0.1:0', `127.0.0.1:${port}`));
      assert.notEqual(answer.status, 200, `${name} answered 200: ${answer.body.slice(0, 200)}`);
      if (answer.status >= 500) assert.fail(`${name} answered ${answer.status}`);
      assertCatalogBody(answer, name);
      const healthy = await rawGet(port, '/healthz');
      assert.equal(healthy.status, 200, `still serving after ${name}`);
    });
  }

  // The console: its pages, its sign-in API and the cookie it reads, each fed what a hostile
  // browser or script would send. None may end the server, answer 200 from its API, or leak a file.
  const consoleRequests = (host: string) => {
    const post = (path: string, body: string, headers = '') =>
      `POST ${path} HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}connection: close\r\n\r\n${body}`;
    const get = (path: string, headers = '') => `GET ${path} HTTP/1.1\r\nhost: ${host}\r\n${headers}connection: close\r\n\r\n`;
    const nested = '['.repeat(5000) + ']'.repeat(5000);
    return [
      { name: 'console page ../ to a file', text: get('/console/..%2f..%2fpackage.json') },
      { name: 'console asset ../ to a file', text: get('/console/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd') },
      { name: 'console page with a NUL', text: get('/console/%00') },
      { name: 'sign-in with a form body', text: post('/console/api/sign-in', 'email=a&password=b').replace('application/json', 'application/x-www-form-urlencoded') },
      { name: 'sign-in with nested JSON', text: post('/console/api/sign-in', nested) },
      { name: 'sign-in with a number for email', text: post('/console/api/sign-in', '{"email":1,"password":[]}') },
      { name: 'sign-in with a __proto__ field', text: post('/console/api/sign-in', '{"__proto__":{"role":"admin"},"email":"a@b.c","password":"x"}') },
      { name: 'set-password with a huge token', text: post('/console/api/set-password', JSON.stringify({ token: 'x'.repeat(60_000), password: 'y' })) },
      { name: 'session with a garbage cookie', text: get('/console/api/session', 'cookie: keyhole_session=%; keyhole_session==;;=\r\n') },
      { name: 'session with ten thousand cookies', text: get('/console/api/session', `cookie: ${'keyhole_session=a; '.repeat(400)}\r\n`) },
      { name: 'sign-out with a forged cookie', text: post('/console/api/sign-out', '{}', 'cookie: keyhole_session=forged\r\nx-csrf-token: forged\r\n') },
      { name: 'admin change with a forged session', text: post('/admin/tokens', '{"label":"x"}', 'cookie: keyhole_session=forged\r\nx-csrf-token: forged\r\n') },
      { name: 'support lookup with nested JSON', text: post('/admin/support/lookup', nested, 'cookie: keyhole_session=forged\r\n') },
    ];
  };
  for (const { name, text } of consoleRequests('127.0.0.1:0')) {
    test(`console: ${name}`, async () => {
      const answer = await rawRequest(port, text.replaceAll('127.0.0.1:0', `127.0.0.1:${port}`));
      if (answer.status >= 500) assert.fail(`${name} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      // Sign-out answers 200 to anyone: it only clears the cookie, whatever the cookie held.
      const changesOrReads = /^\S+ \/(console\/api|admin)\//.test(text) && !text.startsWith('POST /console/api/sign-out');
      if (changesOrReads) assert.notEqual(answer.status, 200, `${name}: ${answer.body.slice(0, 200)}`);
      assert.doesNotMatch(answer.body, /root:x:0|"devDependencies"/, `${name}: no file outside the console is served`);
      if (answer.status >= 400) assertCatalogBody(answer, name);
      else if (!changesOrReads) assert.doesNotMatch(answer.body, /\bat .*\.ts:\d+/, `${name}: no stack trace`);
      assert.equal((await rawGet(port, '/healthz')).status, 200, `still serving after ${name}`);
    });
  }

  test('admin paths reached by any spelling want the token', async () => {
    for (const target of ['//admin/plans', '/.//admin/plans', '/license/../admin/plans', '/%2e%2e/admin/plans', 'http://x/admin/plans', '/admin/plans/.']) {
      const answer = await rawGet(port, target);
      assert.ok([401, 404].includes(answer.status), `${target}: ${answer.status}`);
      assert.doesNotMatch(answer.body, /"plans"/);
    }
    assert.ok(!logged.some((error) => String(error).includes('Invalid URL')), 'no target reaches new URL() unchecked');
  });
});

describe("the browser host's pages origin (a host app's own pages, read-only) survives hostile requests", () => {
  let dir: string;
  let host: BrowserHost;
  let port: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyhole-hostile-pages-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    mkdirSync(join(dir, 'studio'));
    writeFileSync(join(dir, 'studio', 'index.html'), '<!doctype html><title>studio</title>');
    host = await startBrowserHost({
      door: createDoor({ getLicense: () => ({}) } as unknown as HandlerTable),
      onEvent: () => () => {},
      staticDir: dir,
      pages: [{ prefix: '/studio/', dir: join(dir, 'studio') }],
    });
    port = Number(new URL(host.pagesOrigin as string).port);
  });
  after(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const { name, text } of hostileRequests(0)) {
    test(name, async () => {
      const answer = await rawRequest(port, text.replaceAll('127.0.0.1:0', `127.0.0.1:${port}`));
      if (answer.status === 200) assert.match(answer.head, /content-type: text\/html/i, `${name}: ${answer.body.slice(0, 200)}`);
      if (answer.status >= 500) assert.fail(`${name} answered ${answer.status}`);
      assertCatalogBody(answer, name);
      assert.equal((await rawGet(port, '/studio/')).status, 200, `still serving after ${name}`);
    });
  }
});

describe('the browser host survives hostile requests', () => {
  let dir: string;
  let host: BrowserHost;
  let port: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyhole-hostile-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    host = await startBrowserHost({
      door: createDoor({ getLicense: () => ({}) } as unknown as HandlerTable),
      onEvent: () => () => {},
      staticDir: dir,
    });
    port = Number(new URL(host.origin).port);
  });
  after(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const { name, text } of hostileRequests(0)) {
    test(name, async () => {
      const answer = await rawRequest(port, text.replaceAll('127.0.0.1:0', `127.0.0.1:${port}`));
      // A target that resolves to the page itself (`/#x`, `/admin/..`) may get the page, never the API.
      if (answer.status === 200) assert.match(answer.head, /content-type: text\/html/i, `${name}: ${answer.body.slice(0, 200)}`);
      if (answer.status >= 500) assert.fail(`${name} answered ${answer.status}`);
      assertCatalogBody(answer, name);
      const page = await rawGet(port, '/');
      assert.equal(page.status, 200, `still serving after ${name}`);
    });
  }

  test('a web page can reach it with <img src="http://127.0.0.1:PORT//"> and it keeps serving', async () => {
    for (const target of ['//', '//[', '//api/call', '/api/..%2fcall', 'http://[/api/call']) {
      const answer = await rawGet(port, target, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
      assert.ok(answer.status >= 400 && answer.status < 500, `${target}: ${answer.status}`);
    }
    assert.equal((await rawGet(port, '/')).status, 200);
  });
});
