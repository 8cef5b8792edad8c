import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { LicensingContext } from './context.ts';

/*
 * Counts what the authority refuses a customer's app, per catalog code, for the console's overview:
 * a thrown catalog error (an expired license, every slot in use, …) and a validate that answers
 * `valid: false` with its code. Counting is a note in memory (storage/refusal-counts.ts), never a
 * write on the refused request's path.
 */

type Operation<A extends unknown[], R> = (ctx: LicensingContext, ...args: A) => Promise<R>;

/** `operation`, with each refusal it answers counted. */
export function countingRefusals<A extends unknown[], R>(operation: Operation<A, R>): Operation<A, R> {
  return async (ctx, ...args) => {
    let answer: R;
    try {
      answer = await operation(ctx, ...args);
    } catch (error) {
      if (error instanceof KeyholeError && error.code !== 'SERVER_ERROR' && error.code !== 'INTERNAL_ERROR') {
        ctx.storage.noteRefusal(error.code, ctx.clock.now());
      }
      throw error;
    }
    const refused = answer as { valid?: unknown; code?: unknown } | null;
    if (refused?.valid === false && typeof refused.code === 'string') ctx.storage.noteRefusal(refused.code, ctx.clock.now());
    return answer;
  };
}
