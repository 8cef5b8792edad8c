/*
 * Times inside codes are counted from 2020-01-01 in whole minutes (26 bits, until 2147) or whole
 * hours (20 bits, until 2139): epoch milliseconds would cost 41 bits each in a code that must stay
 * short enough to copy by hand.
 */

const EPOCH = Date.UTC(2020, 0, 1);
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/**
 * Whole minutes since 2020, rounded down.
 *
 * @example
 * toCodeMinutes(Date.UTC(2020, 0, 1, 0, 2, 30)) // 2
 */
export function toCodeMinutes(ms: number): number {
  return Math.floor((ms - EPOCH) / MINUTE_MS);
}

/** Epoch ms of a minute count. */
export function fromCodeMinutes(minutes: number): number {
  return EPOCH + minutes * MINUTE_MS;
}

/**
 * Whole hours since 2020, rounded up (an expiry never moves earlier).
 *
 * @example
 * toCodeHours(Date.UTC(2020, 0, 1, 1, 30)) // 2
 */
export function toCodeHours(ms: number): number {
  return Math.ceil((ms - EPOCH) / HOUR_MS);
}

/** Epoch ms of an hour count. */
export function fromCodeHours(hours: number): number {
  return EPOCH + hours * HOUR_MS;
}
