import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/*
 * Checkpoints (copying the WAL back into the database file, with an fsync) run in a worker thread
 * on a connection of its own, so they never stop the event loop. Left to SQLite's automatic
 * checkpoint, each one runs inside whichever commit crosses 1000 pages — under steady validates
 * that is the batched last-seen flush every second or two — and every request waits behind its
 * writes and fsync (p99 of a stale validate went from ~30 ms to 100–200 ms on this disk).
 *
 * If the thread cannot start or fails, the server's own connection takes automatic checkpoints
 * back, so the WAL never grows without bound.
 */

export interface WalCheckpointer {
  /** Ends the thread; the connection's own close then checkpoints what is left. */
  stop(): Promise<void>;
}

const AUTOMATIC_PAGES = 1000; // SQLite's default wal_autocheckpoint

export function startWalCheckpointer(db: Database.Database, path: string, options: { intervalMs: number; onFailure: (reason: string) => void }): WalCheckpointer {
  const automatic = () => db.pragma(`wal_autocheckpoint = ${AUTOMATIC_PAGES}`);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), { workerData: { path, intervalMs: options.intervalMs } });
  } catch (error) {
    options.onFailure(`the checkpoint thread did not start: ${(error as Error).message}`);
    return { stop: async () => undefined };
  }
  db.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fail = (reason: string) => {
    if (stopping) return;
    stopping = true;
    automatic();
    options.onFailure(reason);
  };
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed !== undefined) fail(`a background checkpoint failed: ${message.failed}`);
  });
  worker.on('error', (error) => fail(`the checkpoint thread failed: ${error.message}`));
  worker.on('exit', (code) => fail(`the checkpoint thread ended (${code})`));
  // The thread is bookkeeping: it never keeps the process alive on its own.
  worker.unref();
  return {
    async stop() {
      // Waited for now: a close must not return while the thread still holds the file.
      worker.ref();
      if (!stopping) {
        stopping = true;
        automatic();
        worker.postMessage('stop');
      }
      await exited;
    },
  };
}
