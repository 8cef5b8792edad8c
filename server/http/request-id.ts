import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isRequestId } from '../../shared/http/request-id.ts';
import type { TrustedProxies } from './client-address.ts';

/*
 * Every request gets an id, sent back in x-request-id and in every error body. A proxy in front may
 * have given the request an id already (nginx's $request_id), and keeping it lets one id follow the
 * request through both logs; but only a trusted proxy may set it, and only in a plain shape, since
 * it ends up in the log and in answers.
 *
 * Our own ids are a random per-process prefix and a counter: unique within the process, unlikely to
 * repeat across processes and restarts (32 random bits each), and no call into the random source
 * per request.
 */

const COUNTER_SPAN = 2 ** 32;

/** Fastify's genReqId: the trusted proxy's x-request-id when it is safe, else 16 hex characters (prefix + counter). */
export function requestIdGenerator(proxies: TrustedProxies): (request: IncomingMessage) => string {
  let prefix = '';
  let counter = COUNTER_SPAN;
  return (request) => {
    const offered = request.headers['x-request-id'];
    if (isRequestId(offered)) {
      const peer = request.socket?.remoteAddress;
      if (peer !== undefined && proxies.trusts(peer)) return offered;
    }
    // A new prefix when the counter wraps, so ids keep from repeating after 2^32 requests.
    if (counter === COUNTER_SPAN) {
      prefix = randomBytes(4).toString('hex');
      counter = 0;
    }
    return prefix + (counter++).toString(16).padStart(8, '0');
  };
}
