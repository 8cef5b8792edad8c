import { requestPath } from '../../shared/http/request-path.ts';

/*
 * Almost every request names a plain path ("/license/validate"): segments of unreserved characters,
 * none empty, none "." or "..", no percent-encoding, no query. URL parsing gives such a path back
 * unchanged, so it is taken as it is and the full parse is kept for everything else.
 */
const PLAIN_PATH = /^(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9_.~-]+)+$/;

/**
 * The request target as the authority routes it: dot segments resolved, empty segments dropped, no
 * query. Fastify is handed this path (its rewriteUrl), so the admin token check and the rate limits,
 * which look at the same path, cannot be walked around with `/.//admin/…`. null for a target that
 * is no path (`*`, `host:port`).
 */
export function routedPath(target: string): string | null {
  if (PLAIN_PATH.test(target)) return target;
  const path = requestPath(target);
  return path === null ? null : `/${path.split('/').filter((segment) => segment !== '').join('/')}`;
}
