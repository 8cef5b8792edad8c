/**
 * Where license code reads the time: the app core, the authority and the tests each pass one in,
 * so a test (or `KEYHOLE_CLOCK_FILE`) can move time without touching the machine's clock.
 *
 * @example
 * const clock: Clock = { now: () => Date.now() };
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}
