import { outsideTransactionScope } from './transaction-scope.ts';

/*
 * When in-memory bookkeeping (sightings, refusal counts) goes to the database: `schedule` asks for a
 * write about `ms` from now (once, however often it is asked meanwhile), `flush` writes now, one
 * write after the other, and `stop` cancels what is scheduled (a close then flushes itself). The
 * timer runs outside any caller's async context (a transaction's, a request's) and never keeps the
 * process alive.
 */

export interface FlushSchedule {
  schedule(): void;
  flush(): Promise<void>;
  stop(): void;
}

export function flushSchedule(write: () => Promise<void>, ms: number): FlushSchedule {
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  const flush = () =>
    (flushing = flushing.then(() => {
      timer = null;
      return write();
    }));
  return {
    schedule() {
      if (timer !== null) return;
      timer = outsideTransactionScope(() => setTimeout(() => void flush(), ms));
      timer.unref();
    },
    flush,
    stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
