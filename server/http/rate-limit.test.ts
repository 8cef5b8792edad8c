import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { describe, test } from 'node:test';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { newInstanceId, PLAN, startTestAuthority, withoutRequestId } from '../../tests/harness/authority/test-authority.ts';
import { createRateLimiter } from './rate-limit.ts';

describe('token bucket', () => {
  test('allows a burst, then refills at the configured rate and names the wait', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 3, perSecond: 0.5 }, () => now);
    assert.deepEqual([1, 2, 3].map(() => limiter.take('a').ok), [true, true, true]);
    assert.deepEqual(limiter.take('a'), { ok: false, retryAfterSeconds: 2 });
    assert.equal(limiter.take('b').ok, true, 'buckets are per caller');
    now += 2000;
    assert.equal(limiter.take('a').ok, true);
    assert.equal(limiter.take('a').ok, false);
  });

  test('stays bounded under a flood of distinct callers', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 2, perSecond: 1 }, () => now, 100);
    for (let i = 0; i < 10_000; i++) {
      now += 1;
      assert.equal(limiter.take(`caller-${i}`).ok, true);
    }
    assert.ok(limiter.size() <= 100, `tracks ${limiter.size()} callers`);
  });
});

describe('rate limiting over HTTP', () => {
  test('per key: 429 with Retry-After and a retry hint, other keys unaffected', async () => {
    const t = await startTestAuthority({ rateLimits: { perIp: { burst: 1000, perSecond: 100 }, perKey: { burst: 3, perSecond: 0.1 } } });
    try {
      const { key } = await t.order(PLAN);
      const other = await t.order(PLAN);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await t.post('/license/validate', { license_key: key })).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      const limited = await t.post('/license/validate', { license_key: key.toLowerCase() });
      assert.equal(limited.status, 429, 'another spelling of the same key shares its bucket');
      assert.equal(limited.headers.get('retry-after'), '10');
      assert.deepEqual(withoutRequestId(limited), { error: {
        code: 'RATE_LIMITED',
        message: CATALOG.RATE_LIMITED.title,
        hint: 'try again in 10 s',
        retry_after_seconds: 10,
      } });
      assert.equal((await t.post('/license/validate', { license_key: other.key })).status, 200);
    } finally {
      await t.close();
    }
  });

  test('per IP: a path with empty segments counts against the same limit', async () => {
    const t = await startTestAuthority({ rateLimits: { perIp: { burst: 2, perSecond: 0.01 }, perKey: { burst: 100, perSecond: 1 } } });
    try {
      const { hostname, port } = new URL(t.url);
      const body = JSON.stringify({ license_key: generateLicenseKey() });
      // Sent verbatim (fetch would rewrite it): the router reads it as /license/validate.
      const post = () =>
        new Promise<number | undefined>((resolve, reject) => {
          httpRequest({ host: hostname, port, path: '/.//license/validate', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          })
            .on('error', reject)
            .end(body);
        });
      const statuses = [await post(), await post(), await post()];
      assert.deepEqual(statuses, [404, 404, 429]);
    } finally {
      await t.close();
    }
  });

  test('a brute force of random keys gets only LICENSE_INVALID or 429, always the same body', async () => {
    const t = await startTestAuthority({ rateLimits: { perIp: { burst: 20, perSecond: 1 }, perKey: { burst: 5, perSecond: 1 } } });
    try {
      const { key } = await t.order(PLAN);
      const bodies = new Map<number, Set<string>>();
      for (let i = 0; i < 40; i++) {
        const res = await t.post('/license/activate', { license_key: generateLicenseKey(), instance_id: newInstanceId() });
        const shape = JSON.stringify(withoutRequestId(res));
        bodies.set(res.status, (bodies.get(res.status) ?? new Set()).add(shape));
      }
      assert.deepEqual([...bodies.keys()].sort(), [404, 429]);
      assert.equal(bodies.get(404)?.size, 1, 'every unknown key gets the identical answer');
      assert.deepEqual(JSON.parse([...(bodies.get(404) ?? [])][0] as string), {
        error: { code: 'LICENSE_INVALID', message: CATALOG.LICENSE_INVALID.title },
      });
      const real = await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() });
      assert.equal(real.status, 429, 'once limited, even a real key learns nothing from this IP');
    } finally {
      await t.close();
    }
  });
});
