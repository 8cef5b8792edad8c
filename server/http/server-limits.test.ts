import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, test } from 'node:test';
import { rawGet } from '../../tests/harness/http/raw-http.ts';
import { startTestAuthority } from '../../tests/harness/authority/test-authority.ts';

/* Slow and greedy clients, over real sockets (the timeouts and the cap live on the socket). */

/** Resolves with the ms until the server closed `socket`; fails after `withinMs`. */
function closedWithin(socket: Socket, withinMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after ${withinMs} ms`));
    }, withinMs);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.on('error', reject);
  });
}

describe('server limits', () => {
  test('a client that sends headers and then trickles its body is cut off within ~10 s', async () => {
    const t = await startTestAuthority();
    try {
      const socket = await open(Number(new URL(t.url).port));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      socket.write('POST /license/validate HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{');
      // One byte a second keeps the socket busy, so only the whole-request timeout can end it.
      const trickle = setInterval(() => socket.writable && socket.write(' '), 1000);
      try {
        const ms = await closedWithin(socket, 15_000);
        assert.ok(ms < 13_000, `closed after ${ms} ms`);
      } finally {
        clearInterval(trickle);
      }
      assert.match(answer, /^HTTP\/1\.1 408 /, answer.slice(0, 80));
      assert.match(answer, /"code":"REQUEST_INVALID"/);
      assert.equal((await rawGet(Number(new URL(t.url).port), '/healthz')).status, 200);
    } finally {
      await t.close();
    }
  });

  test('one client address may hold only so many connections; closing one makes room', async () => {
    const t = await startTestAuthority({ limits: { maxConnectionsPerClient: 3 } });
    const port = Number(new URL(t.url).port);
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 3; i++) sockets.push(await open(port));
      const fourth = await open(port);
      await closedWithin(fourth, 2000);
      sockets.shift()?.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal((await rawGet(port, '/healthz')).status, 200, 'a freed place is usable');
    } finally {
      for (const socket of sockets) socket.destroy();
      await t.close();
    }
  });

  test('a header block over the limit gets 431 in the catalog shape', async () => {
    const t = await startTestAuthority({ limits: { maxHeaderBytes: 2048 } });
    try {
      const answer = await rawGet(Number(new URL(t.url).port), '/healthz', { 'x-padding': 'a'.repeat(4000) });
      assert.equal(answer.status, 431);
      assert.match(answer.body, /"code":"REQUEST_INVALID"/);
    } finally {
      await t.close();
    }
  });
});
