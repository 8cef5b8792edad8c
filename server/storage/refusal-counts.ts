import type { RefusalCount, Storage } from './storage.ts';
import { flushSchedule } from './flush-schedule.ts';

/*
 * How many requests the authority refused, per catalog code: the overview's numbers. They are
 * bookkeeping like sightings (sightings.ts), and a refusal is the cheapest answer the authority
 * gives, so a refused request never waits for a write: it adds one to a counter in memory, and the
 * counters go to the database, added per code and hour, about once a second in one transaction and
 * when the storage closes. A crash loses at most the last interval's counts.
 */

export const REFUSAL_FLUSH_MS = 1000;
const HOUR_MS = 3_600_000;

export const hourOf = (at: number): number => at - (at % HOUR_MS);

export type RefusalBuffered = 'noteRefusal' | 'flushRefusals';

/** Gives a storage its refusal counters; `close` then writes what is pending before closing. */
export function withRefusalBuffer<S extends Storage>(storage: Omit<S, RefusalBuffered>, flushMs = REFUSAL_FLUSH_MS): S {
  // `${hour} ${code}` → count
  let pending = new Map<string, number>();

  const writePending = async () => {
    if (pending.size === 0) return;
    const taken = pending;
    pending = new Map();
    const batch: RefusalCount[] = [...taken].map(([slot, count]) => {
      const [hour, code] = slot.split(' ') as [string, string];
      return { code, hour: Number(hour), count };
    });
    try {
      await storage.transaction((tx) => tx.addRefusalCounts(batch));
    } catch {
      // Kept for the next flush: a full disk or a lost connection must not lose them sooner than a crash would.
      for (const [slot, count] of taken) pending.set(slot, (pending.get(slot) ?? 0) + count);
      later.schedule();
    }
  };
  const later = flushSchedule(writePending, flushMs);

  return {
    ...(storage as S),
    noteRefusal(code: string, at: number) {
      const slot = `${hourOf(at)} ${code}`;
      pending.set(slot, (pending.get(slot) ?? 0) + 1);
      later.schedule();
    },
    flushRefusals: later.flush,
    async close() {
      later.stop();
      await later.flush();
      await storage.close();
    },
  } as S;
}
