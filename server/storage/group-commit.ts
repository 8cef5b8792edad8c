import type Database from 'better-sqlite3';
import type { SerialQueue } from './serial-queue.ts';
import { runInTransactionScope } from './transaction-scope.ts';

/*
 * Group commit for SQLite: write transactions that arrive together share one BEGIN IMMEDIATE …
 * COMMIT, so a burst of activations costs one fsync instead of one each. Each transaction's work
 * runs in a SAVEPOINT of its own, one after another, so a rule that throws rolls back only its own
 * writes and a later one sees the earlier ones (a limit stays exact). Nobody is answered before the
 * batch is on disk: a resolved transaction survives a crash or a power loss.
 *
 * "Together" means handed in before the batch starts: the batch starts on the next turn of the event
 * loop. With `syncLog` (a file database), the COMMIT itself does not fsync (better-sqlite3 would do
 * it on the event loop, stalling every request for the disk's flush time); the batch's answers wait
 * for `syncLog`, an fdatasync of the WAL on libuv's thread pool, while the next batch already runs.
 * A later batch's frames follow this one's in the WAL, so no later batch is ever durable without
 * this one. Without `syncLog`, COMMIT syncs as SQLite's synchronous=FULL says.
 */

const MAX_BATCH = 256;

interface Job {
  readonly work: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export interface GroupCommit {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Runs whatever is waiting now; resolves when nothing is left and every batch is answered (before closing the database). */
  drainAll(): Promise<void>;
}

export function createGroupCommit(db: Database.Database, queue: SerialQueue, syncLog: (() => Promise<void>) | null = null): GroupCommit {
  // Prepared once each: db.exec() compiles its SQL on every call, and every job runs two of these.
  const statements = new Map<string, Database.Statement>();
  type Statement = 'BEGIN IMMEDIATE' | 'SAVEPOINT job' | 'RELEASE job' | 'ROLLBACK TO job' | 'COMMIT' | 'ROLLBACK' | 'PRAGMA synchronous = NORMAL' | 'PRAGMA synchronous = FULL';
  const exec = (text: Statement) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = db.prepare(text)));
    statement.run();
  };
  let waiting: Job[] = [];
  let scheduled = false;
  // Batches committed whose log sync has not returned yet: a close waits for them.
  const syncing = new Set<Promise<void>>();

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void queue.run(drain));
  };

  async function drain(): Promise<void> {
    scheduled = false;
    const batch = waiting.slice(0, MAX_BATCH);
    waiting = waiting.slice(MAX_BATCH);
    if (waiting.length > 0) schedule();
    if (batch.length === 0) return;
    const outcomes = await runBatch(batch);
    // Not awaited: the queue is free for the next batch while this one's log reaches the disk.
    const answered = durable(outcomes).then((settled) =>
      batch.forEach((job, i) => {
        const outcome = settled[i] as Outcome;
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(outcome.error);
      }),
    );
    syncing.add(answered);
    void answered.finally(() => syncing.delete(answered));
  }

  /** The outcomes once the batch's commit is on disk; when the sync fails, no commit of it is promised. */
  async function durable(outcomes: Outcome[]): Promise<Outcome[]> {
    if (!syncLog || !outcomes.some((outcome) => outcome.ok)) return outcomes;
    try {
      await syncLog();
      return outcomes;
    } catch (error) {
      return outcomes.map((outcome) => (outcome.ok ? { ok: false, error } : outcome));
    }
  }

  async function runBatch(batch: readonly Job[]): Promise<Outcome[]> {
    if (!syncLog) return runStatements(batch);
    exec('PRAGMA synchronous = NORMAL');
    try {
      return await runStatements(batch);
    } finally {
      exec('PRAGMA synchronous = FULL');
    }
  }

  async function runStatements(batch: readonly Job[]): Promise<Outcome[]> {
    try {
      exec('BEGIN IMMEDIATE');
    } catch (error) {
      return batch.map(() => ({ ok: false, error }));
    }
    const outcomes: Outcome[] = [];
    for (const job of batch) {
      exec('SAVEPOINT job');
      try {
        const value = await runInTransactionScope(job.work);
        exec('RELEASE job');
        outcomes.push({ ok: true, value });
      } catch (error) {
        // An I/O error or a full disk may have ended the whole transaction: then nothing of the
        // batch holds, and every transaction in it fails with that error.
        if (!db.inTransaction) return batch.map((_, i) => (outcomes[i]?.ok === false ? (outcomes[i] as Outcome) : { ok: false, error }));
        exec('ROLLBACK TO job');
        exec('RELEASE job');
        outcomes.push({ ok: false, error });
      }
    }
    try {
      exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) exec('ROLLBACK');
      return outcomes.map((outcome) => (outcome.ok ? { ok: false, error } : outcome));
    }
    return outcomes;
  }

  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    async drainAll() {
      while (waiting.length > 0) await queue.run(drain);
      await Promise.all(syncing);
    },
  };
}
