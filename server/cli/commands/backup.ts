import { chmodSync, existsSync, linkSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkDataDir, type DataDirCheck } from '../../data-dir-check.ts';
import { requireDataDir } from '../../data-dir.ts';
import { SetupError } from '../../setup-error.ts';
import { integrityProblems } from '../../storage/integrity.ts';
import { openSqliteStorage } from '../../storage/sqlite-storage.ts';
import { UsageError, type Command } from '../command.ts';

/*
 * `keyhole authority backup|check`: the data dir's files. A copy of keyhole.db alone is not a
 * backup while a server runs (acknowledged commits wait in keyhole.db-wal), so the database is
 * copied through SQLite's online backup, beside the running server.
 */

const FILES_NOTE = 'The backup is the database only: keep secret.key and signing-keys/ too (README, "Backup and restore").';

const backup: Command = {
  words: ['authority', 'backup'],
  summary: "Copy the database to a new file with SQLite's online backup (safe while the server runs)",
  options: { to: { type: 'string' } },
  optionHelp: [['--to FILE', 'the backup file to create (never replaces an existing file)']],
  details: FILES_NOTE,
  async run({ values, dataDir, databaseUrl, out }) {
    // A backup copies the SQLite file; PostgreSQL has its own tool for that.
    if (databaseUrl !== undefined) {
      throw new UsageError('authority backup works on the SQLite file; with PostgreSQL use pg_dump (keep secret.key and signing-keys/ too) (README, "Running the authority on PostgreSQL")');
    }
    if (typeof values['to'] !== 'string' || values['to'] === '') throw new UsageError('--to FILE is required: where to write the backup');
    const to = resolve(values['to']);
    if (existsSync(to)) throw new UsageError(`${to} already exists: a backup never replaces a file; choose a new name`);
    if (!existsSync(dirname(to))) throw new UsageError(`the folder ${dirname(to)} does not exist`);
    const layout = requireDataDir(dataDir);
    // Written under a temporary name and checked first, so a file at `to` is always a whole, sound copy.
    const partial = `${to}.partial-${process.pid}`;
    const storage = openSqliteStorage(layout.database);
    try {
      await storage.backup(partial);
      chmodSync(partial, 0o600);
      const problems = integrityProblems(partial);
      if (problems.length > 0) throw new SetupError(`the backup failed its integrity check (${problems[0]}); nothing was written to ${to}`);
      linkSync(partial, to); // fails instead of replacing a file created meanwhile
    } finally {
      await storage.close();
      rmSync(partial, { force: true });
    }
    const bytes = statSync(to).size;
    out.result({ backup: to, bytes }, `Backed up ${layout.database} to ${to} (${bytes} bytes).`);
    out.note(FILES_NOTE);
  },
};

const check: Command = {
  words: ['authority', 'check'],
  summary: 'Check the data dir: database integrity, and that secret.key and the signing keys match it',
  details: 'SQLite: runs PRAGMA integrity_check; PostgreSQL: connects and reads the authority (PostgreSQL checks its own pages). Exit 0 when everything is sound, 3 when anything is not. Safe while the server runs.',
  async run({ dataDir, databaseUrl, out }) {
    const checks = await checkDataDir({ dataDir, databaseUrl });
    const problems = checks.flatMap((c) => c.problems);
    out.result(
      { ok: problems.length === 0, checks },
      checks.map(describeCheck).join('\n'),
    );
    if (problems.length > 0) throw new SetupError(`${dataDir}: ${problems.length} problem(s) found; restore the damaged files from your backup (README, "Backup and restore")`);
  },
};

function describeCheck(check: DataDirCheck): string {
  if (check.skipped) return `skipped  ${check.name}: not checked, the database is damaged`;
  if (check.problems.length === 0) return `ok       ${check.name}`;
  return check.problems.map((problem) => `PROBLEM  ${check.name}: ${problem}`).join('\n');
}

export const backupCommands = [backup, check];
