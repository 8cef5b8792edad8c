/*
 * Rate limiting: a store answers `take(key)` for one caller key (a client address, or the hash of a
 * license key). The default store is token buckets in this process's memory; several authority
 * instances behind one proxy need a shared store (createRateLimitStore in the authority options),
 * which may answer asynchronously. A bucket holds up to `burst` tokens and refills `perSecond`; a
 * request takes one. Buckets that are full again are dropped when the map grows, so a flood of
 * distinct keys cannot exhaust memory.
 */

export interface RateLimitRule {
  readonly burst: number;
  readonly perSecond: number;
}

export interface RateLimitConfig {
  readonly perIp: RateLimitRule;
  readonly perKey: RateLimitRule;
}

/** Generous for a person, tight for a script: 60 requests at once per IP then 10/s; 10 per key then one per 6 s. */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  perIp: { burst: 60, perSecond: 10 },
  perKey: { burst: 10, perSecond: 1 / 6 },
};

export type TakeResult = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** Where buckets live. Callers always `await` take(), so a shared (database) store fits. */
export interface RateLimitStore {
  take(key: string): TakeResult | Promise<TakeResult>;
}

/** Makes the store for one rule; `name` tells the per-address rule from the per-key one. */
export type RateLimitStoreFactory = (rule: RateLimitRule, name: keyof RateLimitConfig) => RateLimitStore;

export interface RateLimiter extends RateLimitStore {
  take(key: string): TakeResult;
  /** How many callers are tracked (bounded by maxEntries). */
  size(): number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** The in-memory token buckets, the default store. */
export function createRateLimiter(
  rule: RateLimitRule,
  now: () => number = () => performance.now(),
  maxEntries = 100_000,
): RateLimiter {
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, at: number) => {
    bucket.tokens = Math.min(rule.burst, bucket.tokens + ((at - bucket.updatedAt) / 1000) * rule.perSecond);
    bucket.updatedAt = at;
  };

  const sweep = (at: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= rule.burst) buckets.delete(key);
    }
    // Still full of active callers: forget the oldest rather than grow without bound.
    for (const key of buckets.keys()) {
      if (buckets.size <= maxEntries / 2) break;
      buckets.delete(key);
    }
  };

  return {
    size: () => buckets.size,
    take(key) {
      const at = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxEntries) sweep(at);
        bucket = { tokens: rule.burst, updatedAt: at };
        buckets.set(key, bucket);
      }
      refill(bucket, at);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rule.perSecond)) };
    },
  };
}
