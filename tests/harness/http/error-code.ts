import assert from 'node:assert/strict';
import { KeyholeError } from '../../../shared/errors/keyhole-error.ts';

/**
 * Awaits an action and names its outcome: the catalog code it failed with, or "succeeded".
 * Anything thrown that is not a KeyholeError fails the test (no untyped error may reach a user).
 */
export async function outcomeCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof KeyholeError, `expected a KeyholeError, got ${String(error)}`);
    return error.code;
  }
  return 'succeeded';
}
