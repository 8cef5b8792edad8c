import { requestPath } from '../../shared/http/request-path.ts';

/**
 * The request target as the authority routes it: dot segments resolved, empty segments dropped, no
 * query. Fastify is handed this path (its rewriteUrl), so the admin token check and the rate limits,
 * which look at the same path, cannot be walked around with `/.//admin/…`. null for a target that
 * is no path (`*`, `host:port`).
 */
export function routedPath(target: string): string | null {
  const path = requestPath(target);
  return path === null ? null : `/${path.split('/').filter((segment) => segment !== '').join('/')}`;
}
