import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import pg from 'pg';

/*
 * Test support: a fresh PostgreSQL database per caller, dropped afterwards, on the server named by
 * KEYHOLE_TEST_POSTGRES (a URL whose user may create databases, e.g.
 * postgresql://me@/postgres?host=/var/run/postgresql; .ci/run sets it up). Without it, or when that
 * server cannot be reached, the PostgreSQL tests are skipped with a visible reason on a developer
 * machine and FAIL in CI (CI=true): a CI run that silently skipped them would prove nothing.
 */

export const POSTGRES_ENV = 'KEYHOLE_TEST_POSTGRES';
export const HOW_TO_ENABLE = `set ${POSTGRES_ENV}=postgresql://$USER@/postgres?host=/var/run/postgresql (a role that may create databases; .ci/run shows the setup)`;

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A new empty database, or null after marking `t` skipped (developer machine without PostgreSQL).
 * Throws in CI when PostgreSQL is not configured or not reachable.
 */
export async function createTestDatabase(t: TestContext): Promise<TestDatabase | null> {
  const adminUrl = process.env[POSTGRES_ENV];
  const inCi = process.env['CI'] === 'true';
  const unavailable = (why: string): null => {
    if (inCi) throw new Error(`PostgreSQL tests must run in CI, but ${why}; ${HOW_TO_ENABLE}`);
    t.skip(`PostgreSQL not tested: ${why}; to run these tests, ${HOW_TO_ENABLE}`);
    return null;
  };
  if (!adminUrl) return unavailable(`${POSTGRES_ENV} is not set`);
  const name = `keyhole_test_${randomBytes(6).toString('hex')}`;
  try {
    await onAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    return unavailable(`the server at ${POSTGRES_ENV} cannot be used (${(error as Error).message})`);
  }
  // Not `new URL`: a socket URL (postgresql://me@/db?host=…) has no host, which URL refuses.
  const url = adminUrl.replace(/^([a-z]+:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);
  return {
    url,
    drop: () => onAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function onAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
