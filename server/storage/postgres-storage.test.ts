import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { SetupError } from '../setup-error.ts';
import { createTestDatabase } from '../../tests/harness/authority/postgres-test-database.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { openPostgresStorage, redact } from './postgres-storage.ts';

/* What only the PostgreSQL backend has; the shared behaviour is in storage-contract.test.ts. */

test('PostgreSQL: instances opening together migrate once, the version is recorded, a newer schema is refused', async (t) => {
  const database = await createTestDatabase(t);
  if (!database) return;
  try {
    const opened = await Promise.all([openPostgresStorage(database.url), openPostgresStorage(database.url)]);
    await Promise.all(opened.map((storage) => storage.close()));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: number }>('SELECT version FROM keyhole_schema');
      assert.deepEqual(rows, [{ version: SCHEMA_VERSION }]);
      await client.query('UPDATE keyhole_schema SET version = $1', [SCHEMA_VERSION + 1]);
    } finally {
      await client.end();
    }
    await assert.rejects(openPostgresStorage(database.url), (error: unknown) => error instanceof SetupError && /newer than this Keyhole understands/.test(error.message));
  } finally {
    await database.drop();
  }
});

test('PostgreSQL: an unreachable database is a setup error that never shows the password', async () => {
  const url = 'postgresql://keyhole:s3cret@127.0.0.1:1/keyhole';
  await assert.rejects(openPostgresStorage(url), (error: unknown) => {
    assert.ok(error instanceof SetupError);
    assert.match(error.message, /cannot open the PostgreSQL database postgresql:\/\/keyhole:\*\*\*@127\.0\.0\.1:1\/keyhole/);
    assert.doesNotMatch(error.message, /s3cret/);
    return true;
  });
  assert.equal(redact('postgres://me@/db?host=/run/postgresql&password=x'), 'postgres://me@/db?host=/run/postgresql&password=***');
});
