import { dataDirLayout, requireDataDir } from './data-dir.ts';
import { secretProblems } from './secret-check.ts';
import { signingKeyProblems } from './keys/signing-keys.ts';
import { integrityProblems } from './storage/integrity.ts';
import { openInitializedStorage, type DataSource } from './authority-data.ts';
import { redact } from './storage/postgres-storage.ts';

/*
 * `keyhole authority check`: is this data dir one the authority can serve from, and would a restore
 * from it work? The database is sound (SQLite: its full integrity check; PostgreSQL: it answers and
 * holds this authority — the server checks its own pages), secret.key opens the stored license
 * keys, and every signing key file is the private half of a key the database publishes.
 */

export interface DataDirCheck {
  readonly name: 'database' | 'secret' | 'signing keys';
  /** One sentence per problem; [] when this part is sound (or was not checked). */
  readonly problems: readonly string[];
  /** True when this part could not be checked because the database is damaged. */
  readonly skipped?: boolean;
}

export async function checkDataDir(source: DataSource): Promise<DataDirCheck[]> {
  const database = databaseProblems(source);
  if (database.length > 0) {
    return [
      { name: 'database', problems: database },
      { name: 'secret', problems: [], skipped: true },
      { name: 'signing keys', problems: [], skipped: true },
    ];
  }
  let opened: Awaited<ReturnType<typeof openInitializedStorage>>;
  try {
    opened = await openInitializedStorage(source);
  } catch (error) {
    const where = source.databaseUrl === undefined ? dataDirLayout(source.dataDir).database : redact(source.databaseUrl);
    return [
      { name: 'database', problems: [`${where}: ${(error as Error).message}`] },
      { name: 'secret', problems: [], skipped: true },
      { name: 'signing keys', problems: [], skipped: true },
    ];
  }
  const { layout, storage } = opened;
  try {
    return [
      { name: 'database', problems: [] },
      { name: 'secret', problems: secretProblems(source.dataDir, await storage.sampleLicense()) },
      { name: 'signing keys', problems: await signingKeyProblems(layout, storage) },
    ];
  } finally {
    await storage.close();
  }
}

function databaseProblems(source: DataSource): string[] {
  if (source.databaseUrl !== undefined) return [];
  const layout = requireDataDir(source.dataDir);
  return integrityProblems(layout.database).map((line) => `${layout.database}: ${line}`);
}
