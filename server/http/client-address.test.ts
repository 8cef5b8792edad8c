import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { startTestAuthority, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';
import { clientKey, parseTrustedProxies, type ProxyHeader } from './client-address.ts';
import { forwardedFor } from './forwarded-header.ts';

/* Which address a request is counted under, through Fastify's inject (no socket needed). */

const TIGHT = { perIp: { burst: 2, perSecond: 0.001 }, perKey: { burst: 1000, perSecond: 100 } };

async function withAuthority(trustProxy: string | undefined, run: (t: TestAuthority) => Promise<void>, proxyHeader?: ProxyHeader): Promise<void> {
  const t = await startTestAuthority({ rateLimits: TIGHT, ...(trustProxy === undefined ? {} : { trustProxy }), ...(proxyHeader ? { proxyHeader } : {}) });
  try {
    await run(t);
  } finally {
    await t.close();
  }
}

/** The statuses of `count` validate calls from socket peer `peer`, with extra headers. */
async function statuses(t: TestAuthority, count: number, peer: string, headers: Record<string, string> = {}): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await t.authority.app.inject({
      method: 'POST',
      url: '/license/validate',
      remoteAddress: peer,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ license_key: generateLicenseKey() }),
    });
    seen.push(res.statusCode);
  }
  return seen;
}

describe('the client address behind a proxy', () => {
  test('from an untrusted peer a forged X-Forwarded-For does not buy a fresh bucket', () =>
    withAuthority('127.0.0.1', async (t) => {
      assert.deepEqual(await statuses(t, 2, '203.0.113.7', { 'x-forwarded-for': '198.51.100.1' }), [404, 404]);
      assert.deepEqual(await statuses(t, 1, '203.0.113.7', { 'x-forwarded-for': '198.51.100.2' }), [429]);
      assert.deepEqual(await statuses(t, 1, '203.0.113.8'), [404], 'another real peer has its own bucket');
    }));

  test('from a trusted proxy two forwarded clients get separate buckets', () =>
    withAuthority('127.0.0.1', async (t) => {
      assert.deepEqual(await statuses(t, 3, '127.0.0.1', { 'x-forwarded-for': '198.51.100.1' }), [404, 404, 429]);
      assert.deepEqual(await statuses(t, 2, '127.0.0.1', { 'x-forwarded-for': '198.51.100.2' }), [404, 404]);
    }));

  test('without --trust-proxy even 127.0.0.1 is the client itself', () =>
    withAuthority(undefined, async (t) => {
      assert.deepEqual(await statuses(t, 2, '127.0.0.1', { 'x-forwarded-for': '198.51.100.1' }), [404, 404]);
      assert.deepEqual(await statuses(t, 1, '127.0.0.1', { 'x-forwarded-for': '198.51.100.2' }), [429]);
    }));

  test('behind an RFC 7239 proxy (--proxy-header forwarded) its Forwarded hops name the client, and X-Forwarded-For counts for nothing', () =>
    withAuthority(
      '127.0.0.1',
      async (t) => {
        // A client's own Forwarded entry passed through, with the proxy's appended: the walk stops at the proxy's.
        const forged = { forwarded: 'for=192.0.2.99, for="[2001:db8:5::1]:4711";proto=https' };
        assert.deepEqual(await statuses(t, 3, '127.0.0.1', forged), [404, 404, 429]);
        assert.deepEqual(await statuses(t, 2, '127.0.0.1', { forwarded: 'for=198.51.100.7' }), [404, 404], 'another client has its own bucket');
        // In this mode X-Forwarded-For is a client's forgery: it buys nothing, the proxy's bucket counts.
        assert.deepEqual(await statuses(t, 2, '127.0.0.1', { 'x-forwarded-for': '203.0.113.1' }), [404, 404]);
        assert.deepEqual(await statuses(t, 1, '127.0.0.1', { 'x-forwarded-for': '203.0.113.2' }), [429]);
        // An unreadable header is the proxy itself too, never an address the client chose.
        assert.deepEqual(await statuses(t, 1, '127.0.0.1', { forwarded: 'for="unterminated' }), [429]);
      },
      'forwarded',
    ));

  test('behind an X-Forwarded-For proxy (the default) a Forwarded header a client adds is ignored', () =>
    withAuthority('127.0.0.1', async (t) => {
      assert.deepEqual(await statuses(t, 3, '127.0.0.1', { 'x-forwarded-for': '198.51.100.1', forwarded: 'for=192.0.2.1' }), [404, 404, 429]);
      assert.deepEqual(await statuses(t, 1, '127.0.0.1', { 'x-forwarded-for': '198.51.100.1', forwarded: 'for=192.0.2.2' }), [429]);
    }));

  test('two IPv6 addresses in one /64 share a bucket; the next /64 does not', () =>
    withAuthority(undefined, async (t) => {
      assert.deepEqual(await statuses(t, 2, '2001:db8:1:2::1'), [404, 404]);
      assert.deepEqual(await statuses(t, 1, '2001:db8:1:2:ffff:0:0:9'), [429]);
      assert.deepEqual(await statuses(t, 1, '2001:db8:1:3::1'), [404]);
    }));
});

describe('address parsing', () => {
  test('IPv6 keys are the /64 in one spelling; IPv4 (also dual-stack mapped) as it is', () => {
    assert.equal(clientKey('2001:DB8:0001:0002:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:db8:1:2::'), '2001:db8:1:2::/64');
    assert.equal(clientKey('::1'), '0:0:0:0::/64');
    assert.equal(clientKey('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(clientKey('192.0.2.1'), '192.0.2.1');
  });

  test('Forwarded hops read as X-Forwarded-For lists them: brackets and ports gone, unreadable headers refused', () => {
    assert.equal(forwardedFor('for=192.0.2.60;proto=http;by=203.0.113.43'), '192.0.2.60');
    assert.equal(forwardedFor('for="[2001:db8:cafe::17]:4711", For="192.0.2.43:80"'), '2001:db8:cafe::17, 192.0.2.43');
    assert.equal(forwardedFor('for=unknown, for=_hidden'), 'unknown, _hidden');
    for (const bad of ['for="unterminated', 'proto=https', 'for=', ';;;', '']) assert.equal(forwardedFor(bad), null, bad);
  });

  test('trusted proxies: addresses and CIDRs of both families; a typo is refused, not ignored', () => {
    const proxies = parseTrustedProxies(' 127.0.0.1, 10.0.0.0/8 ,fd00::/8');
    assert.deepEqual(['127.0.0.1', '::ffff:127.0.0.1', '10.200.3.4', 'fd12::1'].map(proxies.trusts), [true, true, true, true]);
    assert.deepEqual(['127.0.0.2', '11.0.0.1', 'fe80::1', 'junk'].map(proxies.trusts), [false, false, false, false]);
    for (const bad of ['10.0.0.0/33', 'localhost', '10.0.0.1/8/2', '::1/x']) assert.throws(() => parseTrustedProxies(bad), new RegExp(bad.replace(/[./]/g, '\\$&')));
  });
});
