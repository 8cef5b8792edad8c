import { KeyholeError } from '../../shared/errors/keyhole-error.ts';

/*
 * Every JSON route reads its body as JSON whatever Content-Type says: the desktop app and curl
 * users send text/plain or nothing at all, and a strict type check would only turn their working
 * request into a 415. The size limit is Fastify's bodyLimit, applied before this runs.
 */

/** The parsed body; undefined for an empty one (actions without parameters send none). */
export function parseJsonBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new KeyholeError('REQUEST_INVALID', `the body is not valid JSON: ${(error as Error).message}`);
  }
}
