/*
 * The path of a raw HTTP request target, for servers that route on it. `new URL(target, base)`
 * throws on targets a client may send at will (`//`, `//[`, `//a:b@`, `http://[/`), and a throw
 * inside a node:http listener ends the process; this parse cannot throw.
 */

const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * The target's path as WHATWG URL resolves it (dot segments, percent-encoding), with the query
 * and fragment cut off; an absolute-form target (`http://host/p`) gives its path. null when the
 * target is no path at all (`*`, `host:port`, junk), which a server answers with a 400.
 *
 * @example
 * requestPath('/license/../admin?x') // "/admin"
 * requestPath('//[') // "//["
 * requestPath('*') // null
 */
export function requestPath(target: string): string | null {
  const afterAuthority = target.replace(ABSOLUTE_FORM, (prefix) => (prefix === target ? '/' : ''));
  const path = afterAuthority.split(/[?#]/, 1)[0] || '/';
  if (!path.startsWith('/')) return null;
  try {
    // A fixed scheme and host in front, so the target can only ever be read as a path.
    return new URL(`http://path.invalid${path}`).pathname;
  } catch {
    return null;
  }
}
