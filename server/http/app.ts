import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { PublicKeySet } from '../../shared/license/signing.ts';
import type { OffsetClock } from '../clock.ts';
import { isValidAdminToken } from '../licensing/admin-tokens.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { addAdminRoutes } from './admin-routes.ts';
import { errorReply } from './error-response.ts';
import { createManualPage, MANUAL_PAGE_PATHS } from './manual-page/manual-page.ts';
import { addPublicRoutes, rateLimited } from './public-routes.ts';
import { createRateLimiter, type RateLimitConfig } from './rate-limit.ts';
import { BodyTooLarge, readJsonBody } from './read-body.ts';
import { routedPath, Router, type Reply } from './router.ts';

/*
 * The request pipeline, in order: admin token (for /admin/…) or per-IP rate limit (for /license/…),
 * route match, body read, handler, one error handler. Handlers are synchronous over SQLite, so
 * when a 200 is written the transaction has committed. The manual activation page (/activate,
 * /deactivate: HTML forms, not JSON) has its own small pipeline with the same rate limiters.
 */

export interface AppOptions {
  readonly context: LicensingContext;
  readonly keySet: () => PublicKeySet | Promise<PublicKeySet>;
  /** false turns rate limiting off (benchmarks, race tests). */
  readonly rateLimits: RateLimitConfig | false;
  readonly bodyLimitBytes: number;
  readonly testClock: OffsetClock | null;
  readonly log: (error: unknown) => void;
}

export function createRequestListener(options: AppOptions): RequestListener {
  const { context, rateLimits } = options;
  const ipLimiter = rateLimits ? createRateLimiter(rateLimits.perIp) : null;
  const keyLimiter = rateLimits ? createRateLimiter(rateLimits.perKey) : null;
  const router = new Router();
  addPublicRoutes(router, context, options.keySet, keyLimiter);
  addAdminRoutes(router, context, options.testClock);
  const manualPage = createManualPage({ context, ipLimiter, keyLimiter, bodyLimitBytes: options.bodyLimitBytes, log: options.log });

  const handle = async (request: IncomingMessage, path: string | null): Promise<Reply> => {
    if (path === null) throw new KeyholeError('REQUEST_INVALID', 'the request target is not a path');
    const ip = request.socket.remoteAddress ?? 'unknown';
    if (path === '/admin' || path.startsWith('/admin/')) {
      if (!(await isValidAdminToken(context.storage, bearerToken(request), context.clock.now()))) throw new KeyholeError('UNAUTHORIZED');
    } else if (ipLimiter && path.startsWith('/license/')) {
      const verdict = ipLimiter.take(ip);
      if (!verdict.ok) throw rateLimited(verdict.retryAfterSeconds);
    }
    const match = router.match(request.method ?? 'GET', path);
    if (match.kind === 'none') throw new KeyholeError('NOT_FOUND', `no route ${request.method} ${path}`);
    if (match.kind === 'wrong-method') {
      return {
        status: 405,
        body: errorReplyBody(new KeyholeError('REQUEST_INVALID', `${path} accepts ${match.allowed.join(', ')}`)),
        headers: { allow: match.allowed.join(', ') },
      };
    }
    const body = request.method === 'POST' ? await readJsonBody(request, options.bodyLimitBytes) : undefined;
    return match.handler({ raw: request, params: match.params, ip, body });
  };

  const answer = (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = routedPath(request.url ?? '/');
    if (path !== null && MANUAL_PAGE_PATHS.has(path)) return manualPage(request, response, path);
    return handle(request, path).then(
      (reply) => send(response, reply),
      (error: unknown) => {
        const reply = errorReply(error, options.log);
        send(response, error instanceof BodyTooLarge ? { ...reply, headers: { ...reply.headers, connection: 'close' } } : reply);
      },
    );
  };

  // The guard around everything: a throw that escaped a node:http listener would end the process,
  // so whatever slips past the error handling above is logged and answered 500 (or the socket closed).
  return (request: IncomingMessage, response: ServerResponse) => {
    const abandon = (error: unknown) => {
      options.log(error);
      try {
        send(response, errorReply(new KeyholeError('SERVER_ERROR'), options.log));
      } catch {
        response.destroy();
      }
    };
    try {
      answer(request, response).catch(abandon);
    } catch (error) {
      abandon(error);
    }
  };
}

function errorReplyBody(error: KeyholeError): unknown {
  return errorReply(error, () => {}).body;
}

function bearerToken(request: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

function send(response: ServerResponse, reply: Reply): void {
  if (response.headersSent) return;
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status ?? 200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...reply.headers,
  });
  response.end(text);
}
