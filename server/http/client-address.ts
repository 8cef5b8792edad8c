import { BlockList, isIP } from 'node:net';

/*
 * Who the client is. Behind a reverse proxy every socket comes from the proxy, so the client's
 * address is taken from X-Forwarded-For (or RFC 7239 Forwarded, forwarded-header.ts), but only when
 * the socket peer is a proxy the operator named (--trust-proxy); from anyone else that header is a
 * forgery and the socket address counts.
 * Fastify applies the rule (its trustProxy option takes the `trusts` function below); this module
 * only says which peers are trusted and how an address becomes a rate-limit key.
 */

/** The header trusted proxies name the client in (forwarded-header.ts reads RFC 7239's). */
export type ProxyHeader = 'x-forwarded-for' | 'forwarded';
export const PROXY_HEADERS: readonly ProxyHeader[] = ['x-forwarded-for', 'forwarded'];

export function isProxyHeader(value: string): value is ProxyHeader {
  return (PROXY_HEADERS as readonly string[]).includes(value);
}

export interface TrustedProxies {
  /** True when `address` (a socket peer or a forwarding hop) is one of the named proxies. */
  trusts(address: string): boolean;
  /** The list as configured, for messages. */
  readonly entries: readonly string[];
  /** The header those proxies name the client in. */
  readonly header: ProxyHeader;
}

export const NO_TRUSTED_PROXIES: TrustedProxies = { trusts: () => false, entries: [], header: 'x-forwarded-for' };

/**
 * Reads "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8" (addresses and CIDRs). Throws an Error naming the
 * first entry that is neither, so a typo is refused at start instead of trusting nobody silently.
 */
export function parseTrustedProxies(list: string | readonly string[], header: ProxyHeader = 'x-forwarded-for'): TrustedProxies {
  const entries = (typeof list === 'string' ? list.split(',') : list).map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) return { ...NO_TRUSTED_PROXIES, header };
  const blocks = new BlockList();
  for (const entry of entries) {
    const [address = '', prefixText, extra] = entry.split('/');
    const family = isIP(address);
    const prefix = prefixText === undefined ? null : Number(prefixText);
    const maxPrefix = family === 6 ? 128 : 32;
    if (family === 0 || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxPrefix && /^\d+$/.test(prefixText ?? '')))) {
      throw new Error(`"${entry}" is not an IP address or CIDR (e.g. 127.0.0.1, 10.0.0.0/8, fd00::/8)`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === null) blocks.addAddress(address, type);
    else blocks.addSubnet(address, prefix, type);
  }
  return {
    entries,
    header,
    trusts: (address) => {
      const plain = unmapped(address);
      const family = isIP(plain);
      return family !== 0 && blocks.check(plain, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/**
 * The key a client address is counted under: an IPv4 address as it is, an IPv6 address by its /64
 * (one household or server usually gets a whole /64, so counting single addresses would give it
 * 2^64 budgets).
 *
 * @example
 * clientKey('2001:db8:1:2::7') // "2001:db8:1:2::/64"
 * clientKey('::ffff:192.0.2.1') // "192.0.2.1"
 */
export function clientKey(address: string): string {
  const plain = unmapped(address);
  if (isIP(plain) !== 6) return plain;
  return `${expandIpv6(plain).slice(0, 4).join(':')}::/64`;
}

/** An IPv4 address written the IPv6 way (a dual-stack socket's "::ffff:192.0.2.1") as plain IPv4. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? (mapped[1] as string) : address;
}

/** The eight groups of an IPv6 address, lower-case and without leading zeros. */
function expandIpv6(address: string): string[] {
  const withoutZone = address.split('%')[0] as string;
  const [head = '', tail] = withoutZone.split('::');
  const groups = (text: string) => (text === '' ? [] : text.split(':'));
  const start = groups(head);
  const end = groups(tail ?? '');
  // An embedded IPv4 tail ("::1.2.3.4") fills the last two groups.
  const last = end.length > 0 ? end[end.length - 1] : start[start.length - 1];
  const v4 = last !== undefined && last.includes('.') ? last : null;
  if (v4 !== null) {
    const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
    const replaced = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    if (end.length > 0) end.splice(end.length - 1, 1, ...replaced);
    else start.splice(start.length - 1, 1, ...replaced);
  }
  const missing = tail === undefined ? 0 : 8 - start.length - end.length;
  return [...start, ...Array<string>(missing).fill('0'), ...end].map((group) => parseInt(group, 16).toString(16));
}
