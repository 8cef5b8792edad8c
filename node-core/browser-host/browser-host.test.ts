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
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const { port } = new URL(host.origin);
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

  test("the product's own pages are served under their prefix, with the same CSP, and nothing outside their folder", async () => {
    const page = await fetch(`${host.origin}/studio/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /the product/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(await (await fetch(`${host.origin}/`)).text(), /<title>t<\/title>/, 'the activation screens stay at /');
    for (const path of ['/studio/../keyhole-host-outside.html', '/studio/%2e%2e/%2e%2e/keyhole-host-outside.html', '/studio/nope.html']) {
      const response = await raw(path, { headers: { host: new URL(host.origin).host } });
      assert.equal(response.status, 404, path);
    }
  });
});
