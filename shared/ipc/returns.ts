import { z } from 'zod';

declare const RESPONSE: unique symbol;
/** A phantom marker that carries a response type in the contract table without a run-time value. */
export interface Returns<T> {
  readonly [RESPONSE]?: T;
}

/**
 * Declares a channel's response type.
 *
 * @example
 * { channel: 'keyhole:app:info', request: z.tuple([]), response: returns<AppInfo>() }
 */
export const returns = <T>(): Returns<T> => ({});

/** Bounded so a hostile renderer cannot make main parse megabytes; real codes are under 300 characters. */
export const pastedText = z.string().max(2000);
