/*
 * Runs tasks one after another, in the order they were handed in: how the SQLite storage keeps one
 * transaction from interleaving with another request on its single connection. A failed task
 * fails only its own caller; the queue moves on.
 */

export interface SerialQueue {
  run<T>(task: () => T | Promise<T>): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => T | Promise<T>): Promise<T> {
      const result = tail.then(task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
