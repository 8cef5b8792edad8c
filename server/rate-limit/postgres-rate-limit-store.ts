import pg from 'pg';
import type { RateLimitConfig, RateLimitRule, TakeResult } from '../http/rate-limit.ts';

/*
 * Rate-limit buckets shared by every authority instance on one PostgreSQL database, so a client
 * spreading its requests over the instances behind a proxy gets the same budget as against one.
 * Same token buckets as the in-memory store (server/http/rate-limit.ts): up to `burst` tokens,
 * refilled `perSecond`, one per request. One statement per take: the upsert locks the bucket's
 * row, so two instances taking the last token at once cannot both get it.
 *
 * The table is UNLOGGED and created here, not by the migrations: buckets are minutes of state, not
 * the authority's data; losing them in a crash only refills every bucket. Instances use their own
 * clocks, which should agree to well under a second (NTP); a skewed clock only shifts a refill.
 */

interface SharedRateLimitStore {
  take(key: string): Promise<TakeResult>;
}

export interface PostgresRateLimitStores {
  /** The store for one rule; `name` keeps the per-address and per-key buckets apart. */
  store(rule: RateLimitRule, name: keyof RateLimitConfig): SharedRateLimitStore;
  close(): Promise<void>;
}

export async function openPostgresRateLimitStores(url: string, now: () => number = Date.now): Promise<PostgresRateLimitStores> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {}); // an idle client losing its server must not end the process
  try {
    await pool.query(`CREATE UNLOGGED TABLE IF NOT EXISTS keyhole_rate_limits (
      bucket TEXT PRIMARY KEY,
      tokens DOUBLE PRECISION NOT NULL,
      updated_at BIGINT NOT NULL,
      allowed BOOLEAN NOT NULL
    )`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    store: (rule, name) => ({
      async take(key) {
        const { rows } = await pool.query<{ tokens: number; allowed: boolean }>(TAKE, [`${name}:${key}`, rule.burst, rule.perSecond, now()]);
        const row = rows[0] as { tokens: number; allowed: boolean };
        if (row.allowed) return { ok: true };
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - row.tokens) / rule.perSecond)) };
      },
    }),
    close: () => pool.end(),
  };
}

// $1 bucket, $2 burst, $3 tokens per second, $4 now (ms). A new bucket starts full and pays one.
const REFILLED = 'LEAST($2::float8, b.tokens + GREATEST(0, $4::bigint - b.updated_at) / 1000.0 * $3::float8)';
const TAKE = `
  INSERT INTO keyhole_rate_limits AS b (bucket, tokens, updated_at, allowed) VALUES ($1, $2::float8 - 1, $4::bigint, $2::float8 >= 1)
  ON CONFLICT (bucket) DO UPDATE SET
    tokens = CASE WHEN ${REFILLED} >= 1 THEN ${REFILLED} - 1 ELSE ${REFILLED} END,
    allowed = ${REFILLED} >= 1,
    updated_at = GREATEST(b.updated_at, $4::bigint)
  RETURNING tokens, allowed`;
