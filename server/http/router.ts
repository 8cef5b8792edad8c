import type { IncomingMessage } from 'node:http';
import { requestPath } from '../../shared/http/request-path.ts';

/*
 * A tiny router: exact segments and `:name` parameters, nothing else. Enough for a fixed API, and
 * small enough to read in one go.
 */

export interface RouteRequest {
  readonly raw: IncomingMessage;
  readonly params: Readonly<Record<string, string>>;
  readonly ip: string;
  /** The parsed JSON body (read once, size-limited); undefined when the request had none. */
  readonly body: unknown;
}

export interface Reply {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteHandler = (request: RouteRequest) => Reply | Promise<Reply>;

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: RouteHandler; readonly params: Record<string, string> }
  | { readonly kind: 'wrong-method'; readonly allowed: readonly string[] }
  | { readonly kind: 'none' };

export class Router {
  readonly #routes: Route[] = [];

  add(method: 'GET' | 'POST', pattern: string, handler: RouteHandler): this {
    this.#routes.push({ method, segments: split(pattern), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const segments = split(path);
    const allowed: string[] = [];
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/**
 * The path exactly as the router matches it (empty segments dropped). Every check made before
 * routing (admin token, rate limits) must look at this path, or `/.//admin/…` would route to an
 * admin handler without passing the admin check. null for a target that is no path (`*`).
 */
export function routedPath(target: string): string | null {
  const path = requestPath(target);
  return path === null ? null : `/${split(path).join('/')}`;
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const value = actual[i] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (expected !== value) {
      return undefined;
    }
  }
  return params;
}
