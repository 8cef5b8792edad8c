import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';

/*
 * When a failed validation is tried again. Exponential backoff with full jitter (a random wait
 * between 0 and the capped exponential step), so a fleet that lost the authority at the same
 * instant does not come back at the same instant; and never sooner than the authority's
 * Retry-After, which it sends with 429 (and a proxy may send with 503): the jitter is added to it.
 */

export interface RetryPolicy {
  /** The first step; each further failure doubles it, up to `capMs`. */
  readonly baseMs: number;
  readonly capMs: number;
  /** [0, 1), injectable so tests can pin it. */
  readonly random: () => number;
}

/** The jittered wait after `failures` failures in a row (1 = the first). */
export function backoffDelay(failures: number, policy: RetryPolicy): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.floor(policy.random() * step);
}

/**
 * What the authority asked to wait, in ms from `now`: its `retry_after_seconds`, or the
 * Retry-After header (seconds or an HTTP date) the client kept as `retry_after`; 0 when none.
 */
export function retryAfterMs(error: ErrorInfo | null, now: number): number {
  const details = error?.details ?? {};
  const seconds = details['retry_after_seconds'];
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  const header = details['retry_after'];
  if (typeof header !== 'string' && typeof header !== 'number') return 0;
  const text = String(header).trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

/**
 * The instant of the next attempt after a failure: the jittered wait on top of Retry-After, so
 * clients told the same Retry-After do not all come back at that one instant either.
 */
export function nextRetryAt(now: number, failures: number, error: ErrorInfo | null, policy: RetryPolicy): number {
  return now + retryAfterMs(error, now) + backoffDelay(failures, policy);
}
