import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CHANNELS, type EventMessage, type HandlerTable, type LicenseView } from '../../shared/ipc/contract.ts';
import { createDoor } from '../../shared/ipc/door.ts';
import { startBrowserHost, type BrowserHost } from './browser-host.ts';
import { SECRET_HEADER } from './guard.ts';

/* The browser host's guard and transport over a real socket: Host, Origin, secret, SSE, files. */

const view = { instanceId: 'TEST-VIEW' } as unknown as LicenseView;
const handlers = {
  getLicense: () => view,
} as unknown as HandlerTable;

let dir: string;
let pagesDir: string;
let host: BrowserHost;
let secret: string;
const listeners = new Set<(message: EventMessage) => void>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keyhole-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(tmpdir(), 'keyhole-host-outside.html'), 'outside');
  pagesDir = mkdtempSync(join(tmpdir(), 'keyhole-host-pages-'));
  writeFileSync(join(pagesDir, 'index.html'), '<!doctype html><title>the product</title>');
  host = await startBrowserHost({
    pages: [{ prefix: '/studio/', dir: pagesDir }],
    door: createDoor(handlers),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    staticDir: dir,
  });
  secret = new URL(host.url).searchParams.get('k')!;
});
after(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(pagesDir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'keyhole-host-outside.html'), { force: true });
});

/** A raw request, so Host and Origin can be anything (fetch would fix them). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string }, origin = host.origin): Promise<{ status: number; body: string }> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (headers: Record<string, string>) =>
  raw('/api/call', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ channel: CHANNELS.getLicense.channel, args: [] }),
  });

describe('browser host', () => {
  test('our own page, with the secret, reaches the door', async () => {
    const response = await call({ host: new URL(host.origin).host, origin: host.origin, [SECRET_HEADER]: secret });
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.body), { ok: true, value: view });
  });

  test('another Host (DNS rebinding) is refused before anything runs', async () => {
    const response = await call({ host: `evil.example:${new URL(host.origin).port}`, origin: host.origin, [SECRET_HEADER]: secret });
    assert.equal(response.status, 421);
  });

  test('another origin, a missing Origin on POST, or a wrong secret is UNAUTHORIZED', async () => {
    const hostHeader = new URL(host.origin).host;
    const refused: Record<string, string>[] = [
      { host: hostHeader, origin: 'http://evil.example', [SECRET_HEADER]: secret },
      { host: hostHeader, [SECRET_HEADER]: secret },
      { host: hostHeader, origin: host.origin, [SECRET_HEADER]: 'guessed' },
      { host: hostHeader, origin: host.origin },
    ];
    for (const headers of refused) {
      const response = await call(headers);
      assert.equal(response.status, 403);
      assert.equal(JSON.parse(response.body).error.code, 'UNAUTHORIZED');
    }
  });

  test('pushes arrive as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/api/events`, { headers: { [SECRET_HEADER]: secret }, signal: controller.signal });
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // ": connected"
    for (const listener of listeners) listener({ event: 'licenseChanged', payload: view });
    const { value } = await reader.read();
    assert.match(value ?? '', /^event: keyhole:event:license-changed\ndata: \{"instanceId":"TEST-VIEW"\}\n\n$/);
    controller.abort();
  });

  test('serves the renderer with a strict CSP, and nothing outside its folder', async () => {
    const page = await fetch(`${host.origin}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'/);
    for (const path of ['/../keyhole-host-outside.html', '/%2e%2e/keyhole-host-outside.html', '/..%2fkeyhole-host-outside.html', '/%', '/%E0%A4%A']) {
      const response = await raw(path, { headers: { host: new URL(host.origin).host } });
      assert.equal(response.status, 404, path);
    }
  });

  test("the product's own pages are served on an origin of their own, with the same CSP, and nothing outside their folder", async () => {
    const pages = host.pagesOrigin!;
    assert.notEqual(pages, host.origin);
    const page = await fetch(`${pages}/studio/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /the product/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(await (await fetch(`${host.origin}/`)).text(), /<title>t<\/title>/, 'the activation screens stay at /');
    assert.equal((await fetch(`${pages}/`)).status, 404, 'the activation screens are not on the pages origin');
    for (const path of ['/studio/../keyhole-host-outside.html', '/studio/%2e%2e/%2e%2e/keyhole-host-outside.html', '/studio/nope.html']) {
      const response = await raw(path, { headers: { host: new URL(pages).host } }, pages);
      assert.equal(response.status, 404, path);
    }
    const moved = await fetch(`${host.origin}/studio/`, { redirect: 'manual' });
    assert.deepEqual([moved.status, moved.headers.get('location')], [308, `${pages}/studio/`], 'the old address leads there');
  });

  test("a product page's address without its trailing slash leads to the page, the launch secret kept", async () => {
    const bare = await fetch(`${host.pagesOrigin}/studio?k=abc`, { redirect: 'manual' });
    assert.equal(bare.status, 308);
    assert.equal(bare.headers.get('location'), '/studio/?k=abc');
    const followed = await fetch(`${host.pagesOrigin}/studio`);
    assert.equal(followed.url, `${host.pagesOrigin}/studio/`);
    assert.match(await followed.text(), /the product/);
    assert.equal((await fetch(`${host.pagesOrigin}/studiox`)).status, 404, 'only the prefix itself is redirected');
  });

  test("the pages' door reads the license and refuses every other channel; each origin takes only its own secret", async () => {
    const pages = host.pagesOrigin!;
    const pagesSecret = new URL(host.pageUrl('/studio/')!).searchParams.get('k')!;
    const asPage = (channel: string, args: unknown[], key = pagesSecret) =>
      raw('/api/call', {
        method: 'POST',
        headers: { host: new URL(pages).host, origin: pages, 'content-type': 'application/json', [SECRET_HEADER]: key },
        body: JSON.stringify({ channel, args }),
      }, pages);
    const read = await asPage(CHANNELS.getLicense.channel, []);
    assert.deepEqual([read.status, JSON.parse(read.body)], [200, { ok: true, value: view }]);
    for (const [channel, args] of [[CHANNELS.activateOnline.channel, ['KH-AAAAA']], [CHANNELS.deactivate.channel, []]] as const) {
      const response = await asPage(channel, [...args]);
      assert.equal(response.status, 403, channel);
      assert.equal(JSON.parse(response.body).error.code, 'UNAUTHORIZED');
    }
    assert.equal((await asPage(CHANNELS.getLicense.channel, [], secret)).status, 403, "the screens' secret does not open the pages' door");
    const pagesKeyOnScreens = await call({ host: new URL(host.origin).host, origin: host.origin, [SECRET_HEADER]: pagesSecret });
    assert.equal(pagesKeyOnScreens.status, 403, "the pages' secret does not open the screens' door");
  });

  test("the pages hear license changes only", async () => {
    const pagesSecret = new URL(host.pageUrl('/studio/')!).searchParams.get('k')!;
    const controller = new AbortController();
    const response = await fetch(`${host.pagesOrigin}/api/events`, { headers: { [SECRET_HEADER]: pagesSecret }, signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // ": connected"
    for (const listener of listeners) listener({ event: 'linkOpened', payload: { waiting: true } });
    for (const listener of listeners) listener({ event: 'licenseChanged', payload: view });
    const { value } = await reader.read();
    assert.match(value ?? '', /^event: keyhole:event:license-changed\n/);
    controller.abort();
  });

  test("the pages' /activate sends a navigation carrying their secret to the activation screens, and nothing else", async () => {
    const pages = host.pagesOrigin!;
    const pagesSecret = new URL(host.pageUrl('/studio/')!).searchParams.get('k')!;
    const go = (key: string, dest = 'document') => fetch(`${pages}/activate?k=${key}`, { redirect: 'manual', headers: { 'sec-fetch-dest': dest } });
    const navigation = await go(pagesSecret);
    assert.deepEqual([navigation.status, navigation.headers.get('location')], [303, host.url]);
    for (const refusedRun of [await go('guessed'), await go(pagesSecret, 'empty')]) {
      assert.equal(refusedRun.status, 403);
      assert.equal(refusedRun.headers.get('location'), null);
    }
  });
});
