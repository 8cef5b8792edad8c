/*
 * Not a bench of its own (run.ts skips it): a fresh PostgreSQL database for the authority bench,
 * dropped afterwards, on the server KEYHOLE_TEST_POSTGRES names (or the local socket when one
 * answers). Returns why it was skipped when there is none.
 */
import pg from 'pg';

const DEFAULT = 'postgresql://root@/postgres?host=/var/run/postgresql';

export async function withPostgresDatabase<T>(work: (url: string) => Promise<T>): Promise<T | string> {
  const adminUrl = process.env.KEYHOLE_TEST_POSTGRES ?? DEFAULT;
  const name = `keyhole_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => {});
    return `no PostgreSQL at ${process.env.KEYHOLE_TEST_POSTGRES ? 'KEYHOLE_TEST_POSTGRES' : 'the local socket'}: ${(error as Error).message}; set KEYHOLE_TEST_POSTGRES to include it`;
  }
  try {
    return await work(adminUrl.replace(/^([a-z]+:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}
