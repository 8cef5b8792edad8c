/*
 * The link in an order email that opens the app with the key filled in:
 * `<scheme>://activate?key=KH-…`. Any web page can open such a link, so it is read as hostile
 * input: only the `activate` verb and a key-shaped value are taken, nothing is ever activated by
 * it, and everything else is dropped with a reason the caller logs (never the key itself).
 */

export type DeepLink =
  | { readonly kind: 'activate'; readonly key: string; readonly ignored: readonly string[] }
  | { readonly kind: 'ignored'; readonly reason: string };

/** Longer than any real link; a bigger one is not read at all. */
const MAX_LINK = 512;
// Key-shaped: the key alphabet, dashes and spaces as people paste it, and a length near a key's.
const KEY_SHAPED = /^[0-9A-Za-z][0-9A-Za-z -]{9,58}$/;
const SCHEME = /^[a-z][a-z0-9+.-]{1,31}$/;

/**
 * Reads a deep link for the product's `scheme`.
 *
 * @example
 * parseDeepLink('keyhole://activate?key=KH-8Q3ZT-…', 'keyhole') // { kind: 'activate', key: 'KH-8Q3ZT-…', ignored: [] }
 * parseDeepLink('keyhole://deactivate', 'keyhole') // { kind: 'ignored', reason: 'unknown verb "deactivate"' }
 */
export function parseDeepLink(link: string, scheme: string): DeepLink {
  if (!SCHEME.test(scheme)) return ignored('the product has no usable URL scheme');
  if (typeof link !== 'string' || link.length > MAX_LINK) return ignored('the link is too long');
  if (/[\u0000-\u001f\u007f]/.test(link)) return ignored('the link holds control characters');
  const prefix = `${scheme}:`;
  if (link.slice(0, prefix.length).toLowerCase() !== prefix) return ignored('not a link for this app');
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return ignored('the link is not a well-formed address');
  }
  // `keyhole://activate?…` puts the verb in the host; `keyhole:activate?…` in the path.
  const verb = (url.host || url.pathname).replace(/^\/+|\/+$/g, '').toLowerCase();
  if (url.username || url.password || url.port || (url.host && url.pathname.replace(/\/+$/, '') !== '')) return ignored('the link has parts an activate link never has');
  if (verb !== 'activate') return ignored(`unknown verb "${verb.slice(0, 20)}"`);
  const keys = url.searchParams.getAll('key');
  if (keys.length !== 1) return ignored(keys.length === 0 ? 'the link carries no key' : 'the link carries more than one key');
  const key = (keys[0] as string).trim();
  if (!KEY_SHAPED.test(key)) return ignored('the key in the link is not shaped like a license key');
  const others = [...new Set([...url.searchParams.keys()].filter((name) => name !== 'key'))].map((name) => name.slice(0, 20));
  return { kind: 'activate', key: key.toUpperCase(), ignored: others };
}

function ignored(reason: string): DeepLink {
  return { kind: 'ignored', reason };
}

/**
 * The activate link for a key, as the order email carries it.
 *
 * @example
 * activateLink('keyhole', 'KH-8Q3ZT-…') // 'keyhole://activate?key=KH-8Q3ZT-…'
 */
export function activateLink(scheme: string, key: string): string {
  return `${scheme}://activate?key=${encodeURIComponent(key)}`;
}
