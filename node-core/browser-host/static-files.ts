import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

/* Serves the built renderer (vite's dist/) read-only, with the same CSP the Electron window gets. */

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers every response carries. */
export function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };
}

/** A malformed escape (`/%`) is simply a path that does not exist, not a server error. */
function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return '/\0not-found';
  }
}

/** Writes the file for `pathname` under `dir`, or a 404; never anything outside `dir`. */
export async function serveStatic(dir: string, pathname: string, response: ServerResponse): Promise<void> {
  const relative = normalize(safeDecode(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '');
  const file = join(dir, relative);
  const type = TYPES[extname(file)];
  if (relative.startsWith('..') || !file.startsWith(dir + sep) || type === undefined) {
    response.writeHead(404, { ...securityHeaders(), 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  try {
    const body = await readFile(file);
    // Hashed assets may be cached; the page itself is always fetched fresh.
    const cache = relative.startsWith('assets') ? 'public, max-age=31536000, immutable' : 'no-store';
    response.writeHead(200, { ...securityHeaders(), 'content-type': type, 'cache-control': cache }).end(body);
  } catch {
    response.writeHead(404, { ...securityHeaders(), 'content-type': 'text/plain' }).end('Not found');
  }
}
