import { readFileSync } from 'node:fs';
import type { Clock } from '../shared/clock.ts';

/*
 * Wall-clock time for license decisions, injectable so tests and E2E can move time without touching
 * the machine's clock:
 *   KEYHOLE_CLOCK_OFFSET_MS=<ms>   a fixed offset added to the real time, for a whole run;
 *   KEYHOLE_CLOCK_FILE=<path>      a JSON file `{"offsetMs": <ms>}` read on every call, so a test
 *                                  can advance (or set back) the clock of a running app.
 * Both only when set explicitly; with both, the offsets add up. Moving the offset back later is a
 * clock set back, exactly as the app must treat it (CLOCK_ROLLBACK beyond 10 minutes).
 */

export type { Clock } from '../shared/clock.ts';

export const CLOCK_OFFSET_ENV = 'KEYHOLE_CLOCK_OFFSET_MS';
export const CLOCK_FILE_ENV = 'KEYHOLE_CLOCK_FILE';

export const systemClock: Clock = { now: () => Date.now() };

/** A clock offset from another by a (possibly changing) amount. */
export function offsetClock(base: Clock, offsetMs: () => number): Clock {
  return { now: () => base.now() + offsetMs() };
}

/** A clock a test sets by hand. */
export function manualClock(start: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let current = start;
  return {
    now: () => current,
    set: (ms) => void (current = ms),
    advance: (ms) => void (current += ms),
  };
}

function readOffsetFile(path: string): number {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { offsetMs?: unknown };
  if (typeof parsed.offsetMs !== 'number' || !Number.isFinite(parsed.offsetMs)) {
    throw new Error(`${CLOCK_FILE_ENV} must hold {"offsetMs": <number>}: ${path}`);
  }
  return parsed.offsetMs;
}

/** The system clock, shifted as the environment asks (see the top of this file). */
export function clockFromEnv(env: NodeJS.ProcessEnv, base: Clock = systemClock): Clock {
  const fixedText = env[CLOCK_OFFSET_ENV];
  const file = env[CLOCK_FILE_ENV];
  if (!fixedText && !file) return base;
  const fixed = fixedText ? Number(fixedText) : 0;
  if (!Number.isFinite(fixed)) throw new Error(`${CLOCK_OFFSET_ENV} must be a number of milliseconds, got ${fixedText}`);
  return offsetClock(base, () => fixed + (file ? readOffsetFile(file) : 0));
}
