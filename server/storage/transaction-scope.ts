import { AsyncLocalStorage } from 'node:async_hooks';

/*
 * Knows whether the running code is inside a storage transaction. Calling the storage itself
 * (instead of the transaction's handle) from inside one would wait for the transaction it is part
 * of — SQLite's queue, or PostgreSQL's row lock held by the same request — and hang that request
 * for good. The mistake is a bug in our code, so it throws at once and says which call to change.
 */

const scope = new AsyncLocalStorage<true>();

export function runInTransactionScope<T>(work: () => Promise<T>): Promise<T> {
  return scope.run(true, work);
}

export function assertOutsideTransaction(method: string): void {
  if (scope.getStore()) {
    throw new Error(`storage.${method}() called inside a transaction: use the transaction's handle (tx.${method}) instead`);
  }
}

/** Runs `work` as if no transaction were open: for timers that outlive the call that set them. */
export function outsideTransactionScope<T>(work: () => T): T {
  return scope.exit(work);
}
