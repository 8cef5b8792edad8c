import pg from 'pg';
import { SetupError } from '../setup-error.ts';
import { assertKnownSchema, MIGRATIONS } from './migrations.ts';
import { postgresOperations, type Query } from './postgres-operations.ts';
import type { Storage, StorageOperations } from './storage.ts';
import { withRefusalBuffer } from './refusal-counts.ts';
import { withSightingBuffer } from './sightings.ts';
import { assertOutsideTransaction, runInTransactionScope } from './transaction-scope.ts';

/*
 * Storage on a PostgreSQL database through a `pg` Pool, for several authority processes on one
 * database. Each transaction gets a client of its own (BEGIN … COMMIT, READ COMMITTED): the row
 * lock taken by a license read (postgres-operations.ts) serializes the rules of one license across
 * every process, while different licenses proceed side by side. A commit returns once PostgreSQL
 * has made it durable (synchronous_commit on, the default), so "a 200 means on disk" holds here too.
 */

// BIGINT (int8) columns and count(*) arrive as strings by default; every value we store is an epoch
// millisecond or a 32-bit id, far inside the range a JS number holds exactly.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function openPostgresStorage(url: string): Promise<Storage> {
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // An idle client that loses its server emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', () => {});
  try {
    await applyMigrations(pool);
  } catch (error) {
    await pool.end();
    throw unreachable(url, error);
  }
  const named = statementNames();
  const poolQuery: Query = (sql, params) => pool.query(named(sql, params));
  const plain = postgresOperations(poolQuery, { lockLicenses: false });

  const transaction = async <T>(work: (tx: StorageOperations) => Promise<T>): Promise<T> => {
    assertOutsideTransaction('transaction');
    const client = await pool.connect();
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const tx = postgresOperations((sql, params) => client.query(named(sql, params)), { lockLicenses: true });
      const result = await runInTransactionScope(() => work(tx));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
      throw error;
    } finally {
      // A client whose rollback failed is in an unknown state: destroyed, not returned to the pool.
      client.release(broken instanceof Error ? broken : undefined);
    }
  };

  const guarded = Object.fromEntries(
    Object.entries(plain).map(([name, operation]) => [
      name,
      (...args: unknown[]) => {
        assertOutsideTransaction(name);
        return (operation as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as StorageOperations;

  return withRefusalBuffer<Storage>(withSightingBuffer<Storage>({
    ...guarded,
    backend: 'postgres',
    transaction,
    createOrder: (planId, license, details) => transaction((tx) => tx.createOrder(planId, license, details)),
    close: () => pool.end(),
  }));
}

const MAX_NAMED_STATEMENTS = 200;

/**
 * Each statement text gets a name, so every pooled connection parses and plans it once and then
 * only binds and executes it (PostgreSQL's prepared statements, which `pg` prepares on first use per
 * connection). The operations' texts are fixed strings; a text built per call (a search with its
 * own filters) past the first MAX_NAMED_STATEMENTS goes unnamed rather than growing the list.
 */
function statementNames(): (text: string, values?: readonly unknown[]) => pg.QueryConfig {
  const names = new Map<string, string>();
  return (text, values = []) => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED_STATEMENTS) names.set(text, (name = `keyhole_${names.size}`));
    return name === undefined ? { text, values: values as unknown[] } : { name, text, values: values as unknown[] };
  };
}

/** Applies the missing steps under an advisory lock, so instances starting together migrate once. */
async function applyMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('keyhole_schema'))`);
    await client.query('CREATE TABLE IF NOT EXISTS keyhole_schema (version INTEGER NOT NULL)');
    const row = (await client.query<{ version: number }>('SELECT version FROM keyhole_schema')).rows[0];
    const current = row?.version ?? 0;
    assertKnownSchema(current);
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      await client.query(migration.postgres);
    }
    if (row === undefined) await client.query('INSERT INTO keyhole_schema (version) VALUES ($1)', [MIGRATIONS.at(-1)?.version ?? 0]);
    else await client.query('UPDATE keyhole_schema SET version = $1', [Math.max(current, MIGRATIONS.at(-1)?.version ?? 0)]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** A database we cannot reach or log in to is a setup problem with its own words, not a stack trace. */
function unreachable(url: string, error: unknown): unknown {
  if (error instanceof SetupError) return error;
  const reason = (error as { message?: string }).message ?? String(error);
  return new SetupError(`cannot open the PostgreSQL database ${redact(url)} (${reason}); check --database / KEYHOLE_DATABASE_URL and that the server runs`);
}

/** The URL as shown in messages: never its password. */
export function redact(url: string): string {
  // Not `new URL`: a socket URL (postgres://me@/db?host=/run/postgresql) has no host, which URL refuses.
  return url.replace(/^([a-z]+:\/\/[^:@/?]*):[^@/?]*@/, '$1:***@').replace(/([?&]password=)[^&]*/, '$1***');
}
