import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import { backoffDelay, nextRetryAt, retryAfterMs } from './retry-schedule.ts';

const policy = (random: number) => ({ baseMs: 1_000, capMs: 8_000, random: () => random });
const limited = (details: ErrorInfo['details']): ErrorInfo => ({ code: 'RATE_LIMITED', message: 'Too many requests', details });

describe('retry schedule', () => {
  test('full jitter under an exponential step that doubles per failure and stops at the cap', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 40].map((n) => backoffDelay(n, policy(0.999_999))), [999, 1_999, 3_999, 7_999, 7_999, 7_999]);
    assert.deepEqual([1, 4, 40].map((n) => backoffDelay(n, policy(0))), [0, 0, 0]);
  });

  test('Retry-After as the body says it, as a header in seconds, and as an HTTP date', () => {
    const now = Date.parse('2026-12-02T00:00:00Z');
    assert.equal(retryAfterMs(limited({ retry_after_seconds: 12 }), now), 12_000);
    assert.equal(retryAfterMs(limited({ retry_after: '30' }), now), 30_000);
    assert.equal(retryAfterMs(limited({ retry_after: 'Wed, 02 Dec 2026 00:01:00 GMT' }), now), 60_000);
    assert.equal(retryAfterMs(limited({ retry_after: 'soon' }), now), 0);
    assert.equal(retryAfterMs(null, now), 0);
  });

  test('the next attempt is never before Retry-After, with the jitter on top', () => {
    assert.equal(nextRetryAt(0, 1, limited({ retry_after: '30' }), policy(0)), 30_000);
    assert.equal(nextRetryAt(0, 1, limited({ retry_after: '30' }), policy(0.5)), 30_500);
    assert.equal(nextRetryAt(0, 3, null, policy(0.5)), 2_000);
  });
});
