import Database from 'better-sqlite3';
import { SetupError } from '../setup-error.ts';

/*
 * Whether a database file is sound. Opening for use runs SQLite's quick check, so a damaged file is
 * refused at start instead of answering 500 the day a query reaches the bad page; `keyhole authority
 * check` runs the full integrity check (indexes too) on a read-only connection.
 */

/** Throws the "damaged" SetupError when PRAGMA quick_check finds anything. */
export function assertQuickCheck(db: Database.Database, path: string): void {
  const problems = pragmaProblems(db, 'quick_check');
  if (problems.length > 0) throw damagedDatabase(path, problems);
}

/** Everything PRAGMA integrity_check reports (at most 20 lines); [] for a sound file. */
export function integrityProblems(path: string): string[] {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return pragmaProblems(db, 'integrity_check(20)');
    } finally {
      db.close();
    }
  } catch (error) {
    if (isCorruption(error)) return [(error as Error).message];
    throw error;
  }
}

/** SQLite's own word that the file is not a (sound) database. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export function damagedDatabase(path: string, problems: readonly string[]): SetupError {
  const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
  return new SetupError(
    `the database ${path} is damaged (${shown}); it is not opened. "keyhole authority check" lists the damage; restore the database from your backup (README, "Backup and restore")`,
  );
}

function pragmaProblems(db: Database.Database, pragma: string): string[] {
  const lines = (db.pragma(pragma) as Record<string, string>[]).map((row) => String(Object.values(row)[0]));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}
