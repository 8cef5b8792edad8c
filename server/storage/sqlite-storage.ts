import { open } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { assertQuickCheck, damagedDatabase, isCorruption } from './integrity.ts';
import { assertKnownSchema, MIGRATIONS } from './migrations.ts';
import { createGroupCommit } from './group-commit.ts';
import { createSerialQueue } from './serial-queue.ts';
import { withRefusalBuffer } from './refusal-counts.ts';
import { withSightingBuffer } from './sightings.ts';
import { sqliteOperations, type SqliteOperations } from './sqlite-operations.ts';
import type { Sighting, Storage, StorageOperations } from './storage.ts';
import { assertOutsideTransaction } from './transaction-scope.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

/*
 * Storage on one SQLite file through better-sqlite3: the embedded default, no setup.
 *
 * Durability: WAL; a transaction resolves only once its commit is fsynced (group-commit.ts syncs the
 * WAL itself; single writes outside a transaction commit with synchronous=FULL), so a 200 sent after
 * it survives a crash or power loss, not only a killed process (the one exception is the
 * last-seen bookkeeping, below, which survives a killed process but not a power loss). busy_timeout lets the
 * CLI write to the same file while a server runs (WAL allows one writer at a time; readers never
 * block).
 *
 * One connection serves the whole process. Write transactions that arrive together share one
 * BEGIN IMMEDIATE … COMMIT, each in its own savepoint (group-commit.ts): one fsync per burst, done
 * on libuv's thread pool (the WAL's fdatasync) so the event loop answers other requests meanwhile. The
 * interface is asynchronous, so between the statements of one transaction another request could
 * run its own on the same connection and land inside the open transaction. Every call therefore
 * goes through one in-process queue: a transaction holds it from BEGIN to COMMIT, and a plain call
 * waits for it. Nothing inside a transaction does real I/O (storage.ts), so the queue is held for
 * microseconds.
 *
 * Soundness: a file that fails SQLite's quick check is refused before anything is migrated or
 * written (see integrity.ts).
 */

export interface SqliteStorage extends Storage {
  /** SQLite's online backup to a new file: one consistent copy, WAL included, safe beside a running server. */
  backup(toPath: string): Promise<void>;
}

export interface SqliteOptions {
  /**
   * For a long-running server: WAL checkpoints in a thread of their own (wal-checkpointer.ts)
   * instead of inside whichever commit crosses the threshold. Short-lived commands leave them to SQLite.
   */
  readonly backgroundCheckpoints?: { readonly onFailure: (reason: string) => void };
}

export function openSqliteStorage(path: string, options: SqliteOptions = {}): SqliteStorage {
  const db = openSoundDatabase(path);
  const checkpointer = options.backgroundCheckpoints ? startWalCheckpointer(db, path, { intervalMs: 250, ...options.backgroundCheckpoints }) : null;
  const operations = sqliteOperations(db);
  const queue = createSerialQueue();

  const group = createGroupCommit(db, queue, path === ':memory:' ? null : walSync(`${path}-wal`));
  const handle = asPromises(operations);

  const transaction = <T>(work: (tx: StorageOperations) => Promise<T>): Promise<T> => {
    assertOutsideTransaction('transaction');
    return group.run(() => work(handle));
  };

  const plain = asPromises(operations, (name, call) => {
    assertOutsideTransaction(name);
    return queue.run(call);
  });
  // Sightings are bookkeeping (sightings.ts): their commit skips the fsync, so a flush never stalls
  // the event loop on the disk. WAL keeps the file sound either way, and the next durable commit
  // (synchronous FULL) syncs the log with their pages in it; a power loss before then loses them only.
  const writeSightings = (batch: readonly Sighting[]) =>
    queue.run(() => {
      db.pragma('synchronous = NORMAL');
      try {
        db.transaction(() => operations.recordSightings(batch)).immediate();
      } finally {
        db.pragma('synchronous = FULL');
      }
    });
  return withRefusalBuffer<SqliteStorage>(withSightingBuffer<SqliteStorage>({
    ...plain,
    backend: 'sqlite',
    transaction,
    // The order and its license are one step: a transaction of its own.
    createOrder: (planId, license, details) => transaction((tx) => tx.createOrder(planId, license, details)),
    backup: (toPath) => queue.run(async () => void (await db.backup(toPath))),
    close: async () => {
      await group.drainAll();
      await checkpointer?.stop();
      await queue.run(() => void db.close());
    },
  }, writeSightings));
}

/**
 * fdatasync of the WAL on libuv's thread pool, for the group commit's batches (group-commit.ts).
 * Opened per sync rather than kept: whatever SQLite does to the file (truncate, restart), the sync
 * reaches the file that holds the log now.
 */
function walSync(walPath: string): () => Promise<void> {
  return async () => {
    const file = await open(walPath, 'r');
    try {
      await file.datasync();
    } finally {
      await file.close();
    }
  };
}

/** The operations as promises; `gate` decides when each call runs (default: at once). */
function asPromises(
  operations: SqliteOperations,
  gate: (name: string, call: () => unknown) => Promise<unknown> = (_name, call) => Promise.resolve().then(call),
): StorageOperations {
  const entries = Object.entries(operations).map(([name, operation]) => [
    name,
    (...args: unknown[]) => gate(name, () => (operation as (...a: unknown[]) => unknown)(...args)),
  ]);
  return Object.fromEntries(entries) as StorageOperations;
}

const MMAP_BYTES = 1024 ** 3;

function openSoundDatabase(path: string): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (the default is 2): validates read rows of licenses and activations all
    // over the file, and a page found in the cache costs no read from the OS.
    db.pragma('cache_size = -65536');
    // Reads through a memory map (up to 1 GiB of the file): a page the OS already caches costs no
    // read() and no copy into SQLite's cache, which is most of a validate's reading time on a file
    // larger than the page cache above. Writes still go through the WAL.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    assertQuickCheck(db, path);
    applyMigrations(db);
    return db;
  } catch (error) {
    db.close();
    if (isCorruption(error)) throw damagedDatabase(path, [(error as Error).message]);
    throw error;
  }
}

/** Brings the schema up to date; PRAGMA user_version records the last step applied. */
function applyMigrations(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  assertKnownSchema(current);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sqlite);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
