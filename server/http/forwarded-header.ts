import type { IncomingMessage } from 'node:http';
import parseForwarded from 'forwarded-parse';
import type { TrustedProxies } from './client-address.ts';

/*
 * Proxies that speak RFC 7239 (`Forwarded: for=192.0.2.60, for="[2001:db8::17]:4711"`) instead of
 * X-Forwarded-For. The operator says which header their proxy writes (--proxy-header): believing
 * whichever header is present would let a client behind an X-Forwarded-For proxy (which passes a
 * client's own Forwarded header through untouched) name any address it likes. In 'forwarded' mode
 * the hops of a trusted peer's Forwarded header become the X-Forwarded-For list Fastify's trust
 * walk reads (right to left, stopping at the first address that is not a trusted proxy), and any
 * X-Forwarded-For the request carried is dropped.
 */

/**
 * The `for=` hops as X-Forwarded-For lists them (client first), addresses without brackets or port;
 * null when the header cannot be read or a hop names no node. Obfuscated and "unknown" hops stay as
 * written: they are not trusted proxies, so the walk stops at them.
 *
 * @example
 * forwardedFor('for=192.0.2.60;proto=https, for="[2001:db8::17]:4711"') // "192.0.2.60, 2001:db8::17"
 */
export function forwardedFor(header: string): string | null {
  let elements: Record<string, string>[];
  try {
    elements = parseForwarded(header);
  } catch {
    return null;
  }
  const hops: string[] = [];
  for (const element of elements) {
    const node = element['for'];
    if (node === undefined || node === '') return null;
    hops.push(nodeAddress(node));
  }
  return hops.length === 0 ? null : hops.join(', ');
}

/** "[2001:db8::17]:4711" → "2001:db8::17", "192.0.2.60:80" → "192.0.2.60". */
function nodeAddress(node: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(node);
  if (bracketed) return bracketed[1] as string;
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(node);
  return v4WithPort ? (v4WithPort[1] as string) : node;
}

/**
 * Before Fastify reads the request: in 'forwarded' mode, a trusted peer's Forwarded hops replace
 * X-Forwarded-For. An unreadable Forwarded header from a trusted peer leaves no list, so the peer
 * itself counts as the client (a forged header buys no address of its own).
 */
export function adoptForwardedHeader(request: IncomingMessage, proxies: TrustedProxies): void {
  if (proxies.header !== 'forwarded') return;
  delete request.headers['x-forwarded-for'];
  const peer = request.socket.remoteAddress;
  const header = request.headers['forwarded'];
  if (peer === undefined || header === undefined || !proxies.trusts(peer)) return;
  const hops = forwardedFor(header);
  if (hops !== null) request.headers['x-forwarded-for'] = hops;
}
