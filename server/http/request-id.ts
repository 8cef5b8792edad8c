import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isRequestId } from '../../shared/http/request-id.ts';
import type { TrustedProxies } from './client-address.ts';

/*
 * Every request gets an id, sent back in x-request-id and in every error body. A proxy in front may
 * have given the request an id already (nginx's $request_id), and keeping it lets one id follow the
 * request through both logs; but only a trusted proxy may set it, and only in a plain shape, since
 * it ends up in the log and in answers.
 */

/** Fastify's genReqId: the trusted proxy's x-request-id when it is safe, else 16 random hex characters. */
export function requestIdGenerator(proxies: TrustedProxies): (request: IncomingMessage) => string {
  return (request) => {
    const offered = request.headers['x-request-id'];
    const peer = request.socket?.remoteAddress;
    if (isRequestId(offered) && peer !== undefined && proxies.trusts(peer)) return offered;
    return randomBytes(8).toString('hex');
  };
}
