import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';

/*
 * The console's page: the built single-page app in dist-console/ when it is there, otherwise a
 * page that says so, so a vendor never meets a blank screen. Scripts and styles come only from
 * the authority itself (CSP), and the page may not be framed. The page's scripts and styles are
 * the hashed files Vite wrote to dist-console/assets/: served as they are, cached for good.
 */

const DIST = fileURLToPath(new URL('../../dist-console/', import.meta.url));
const BUILT = join(DIST, 'index.html');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
export const ASSETS_PREFIX = '/console/assets/';
const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Keyhole console</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px system-ui,sans-serif;margin:3rem auto;max-width:40rem;padding:0 1rem}code{background:#eee;padding:0 .25rem}
@media (prefers-color-scheme: dark){body{background:#111;color:#eee}code{background:#333}}</style></head>
<body><main><h1>The console was not built</h1>
<p>This authority has no console pages: the folder <code>dist-console/</code> beside it is missing.</p>
<p>The admin API (<code>/admin/…</code>) and the <code>keyhole</code> CLI work without them.</p></main></body></html>`;

export function consolePage(reply: FastifyReply) {
  const html = existsSync(BUILT) ? readFileSync(BUILT, 'utf8') : NOT_BUILT;
  return reply
    .header('content-security-policy', CSP)
    .header('x-frame-options', 'DENY')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** One built asset by its file name (no folders, no dot files), or null when there is none. */
export function consoleAsset(path: string, reply: FastifyReply): FastifyReply | null {
  const name = path.slice(ASSETS_PREFIX.length);
  const type = TYPES[extname(name)];
  if (!/^[\w-]+(\.[\w-]+)*$/.test(name) || type === undefined) return null;
  const file = join(DIST, 'assets', name);
  if (!existsSync(file)) return null;
  return reply.header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').type(type).send(readFileSync(file));
}
