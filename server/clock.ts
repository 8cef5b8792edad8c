/*
 * The authority's only source of "now". Injected everywhere a time is read so tests and demos can
 * create licenses that are expired or leases that ran out without waiting.
 */

import type { Clock } from '../shared/clock.ts';

export type { Clock };

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that runs with the system clock, shifted by an offset that can be changed at run time. */
export interface OffsetClock extends Clock {
  readonly offsetMs: number;
  setOffset(offsetMs: number): void;
  advance(ms: number): void;
}

export function createOffsetClock(initialOffsetMs = 0, base: Clock = systemClock): OffsetClock {
  let offset = initialOffsetMs;
  return {
    now: () => base.now() + offset,
    get offsetMs() {
      return offset;
    },
    setOffset(offsetMs) {
      offset = offsetMs;
    },
    advance(ms) {
      offset += ms;
    },
  };
}
