import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { createAuthorityClient } from './authority-client.ts';

/* The client keeps what the authority (or a proxy in front of it) said about when to come back. */

async function authority(t: TestContext, answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const request = { license_key: 'KH-00000-00000-00000-00000-00000', instance_id: '0000-0000-0000-0000' };

test("a proxy's bare 503 with Retry-After: SERVER_ERROR that still carries the wait", async (t) => {
  const url = await authority(t, (_request, response) => response.writeHead(503, { 'retry-after': '45', 'content-type': 'text/html' }).end('<h1>Service Unavailable</h1>'));
  const error = await createAuthorityClient({ baseUrl: url }).validate(request).catch((thrown: unknown) => thrown);
  assert.ok(error instanceof KeyholeError);
  assert.equal(error.code, 'SERVER_ERROR');
  assert.equal(error.details?.['retry_after'], '45');
});

test("the authority's own 429 keeps retry_after_seconds and the header", async (t) => {
  const url = await authority(t, (_request, response) =>
    response
      .writeHead(429, { 'retry-after': '10', 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many requests', retry_after_seconds: 10 } })),
  );
  const error = await createAuthorityClient({ baseUrl: url }).validate(request).catch((thrown: unknown) => thrown);
  assert.ok(error instanceof KeyholeError);
  assert.deepEqual([error.code, error.details?.['retry_after_seconds'], error.details?.['retry_after']], ['RATE_LIMITED', 10, '10']);
});
