import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  test('admin paths reached by any spelling want the token', async () => {
    for (const target of ['//admin/plans', '/.//admin/plans', '/license/../admin/plans', '/%2e%2e/admin/plans', 'http://x/admin/plans', '/admin/plans/.']) {
      const answer = await rawGet(port, target);
      assert.ok([401, 404].includes(answer.status), `${target}: ${answer.status}`);
      assert.doesNotMatch(answer.body, /"plans"/);
    }
    assert.ok(!logged.some((error) => String(error).includes('Invalid URL')), 'no target reaches new URL() unchecked');
  });
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
