import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { PublicKeySet } from '../../shared/license/signing.ts';
import type { OffsetClock } from '../clock.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { adminAuditRoutes } from './admin-audit-routes.ts';
import { addOpenApi, openApiRoute } from './admin-openapi.ts';
import { adminRoutes } from './admin-routes.ts';
import { adminTokenRoutes } from './admin-token-routes.ts';
import { authorizeAdminCall } from './console-auth.ts';
import { consoleRoutes } from './console-routes.ts';
import { clientKey, type TrustedProxies } from './client-address.ts';
import { limitConnectionsPerClient } from './connection-limit.ts';
import { adoptForwardedHeader } from './forwarded-header.ts';
import { answerableError, answerClientError, sendJsonError } from './error-handler.ts';
import { manualPage } from './manual-page/manual-page.ts';
import { publicRoutes, takeOrRefuse } from './public-routes.ts';
import { createRateLimiter, type RateLimitConfig, type RateLimitStoreFactory } from './rate-limit.ts';
import { slotRoutes } from './slot-routes.ts';
import { addRequestLog, type LogDestination } from './request-log.ts';
import { requestIdGenerator } from './request-id.ts';
import { routedPath } from './routed-path.ts';
import { parseJsonBody } from './json-body.ts';
import { SERVER_LIMITS, type ServerLimits } from './server-limits.ts';
import { trialRoutes } from './trial-routes.ts';

/*
 * The authority's HTTP app on Fastify. In order: the target is normalized once (routedPath), so
 * every check below sees the path the router matches; an id is given; /admin/… wants the bearer
 * token, /license/… and the manual page spend the per-address budget; the route's zod schema
 * checks the body; the handler runs; one error handler and one not-found handler answer every
 * failure in the catalog shape. Handlers await the licensing service, so when a 200 is written
 * the transaction has committed.
 */

export interface AppOptions {
  readonly context: LicensingContext;
  /** The published keys now (async: another instance may have rotated them). */
  readonly keySet: () => Promise<PublicKeySet>;
  /** false turns rate limiting off (benchmarks, race tests). */
  readonly rateLimits: RateLimitConfig | false;
  /** Where buckets live; in-memory token buckets by default. */
  readonly createRateLimitStore?: RateLimitStoreFactory;
  readonly bodyLimitBytes: number;
  readonly limits?: Partial<ServerLimits>;
  readonly trustedProxies: TrustedProxies;
  readonly testClock: OffsetClock | null;
  /** Unexpected errors (never sent to the client). */
  readonly log: (error: unknown) => void;
  /** The request log, one JSON line per request; none when absent. */
  readonly requestLog: LogDestination | null;
  /** The license id's pseudonym in the log lines (licenseLogHasher with the data dir's key). */
  readonly licenseLogHash: (licenseId: number) => string;
}

const ADMIN_PREFIX = /^\/admin(\/|$)/;
const CONSOLE_API = /^\/console\/api\//;
const BUDGETED = /^\/(license\/|activate$|deactivate$|free-slot(\/|$))/;

export function createApp(options: AppOptions): FastifyInstance {
  const { context, rateLimits, trustedProxies } = options;
  // The connection cap is a per-client limit too: off with the rate limits (load tests open many
  // connections from one address) unless asked for.
  const limits = { ...SERVER_LIMITS, ...(rateLimits ? {} : { maxConnectionsPerClient: Infinity }), ...options.limits };
  const makeStore = options.createRateLimitStore ?? ((rule) => createRateLimiter(rule));
  const ipLimiter = rateLimits ? makeStore(rateLimits.perIp, 'perIp') : null;
  const keyLimiter = rateLimits ? makeStore(rateLimits.perKey, 'perKey') : null;
  const unroutable = new WeakSet<IncomingMessage>();

  const app = Fastify({
    serverFactory: (handler: RequestListener): Server => {
      const server = createServer(
        {
          requestTimeout: limits.requestTimeoutMs,
          headersTimeout: limits.headersTimeoutMs,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          connectionsCheckingInterval: limits.checkIntervalMs,
          maxHeaderSize: limits.maxHeaderBytes,
        },
        handler,
      );
      server.setTimeout(limits.idleTimeoutMs);
      limitConnectionsPerClient(server, limits.maxConnectionsPerClient, trustedProxies);
      return server;
    },
    bodyLimit: options.bodyLimitBytes,
    routerOptions: { maxParamLength: 500 },
    forceCloseConnections: true,
    trustProxy: (address: string) => trustedProxies.trusts(address),
    genReqId: requestIdGenerator(trustedProxies),
    requestIdHeader: false,
    // Fastify's own request lines would log the raw URL; request-log.ts writes the one line instead.
    logger: false,
    clientErrorHandler: answerClientError,
    frameworkErrors: (error, request, reply) => sendJsonError(request, reply, answerableError(error, request, options.bodyLimitBytes, options.log)),
    rewriteUrl: (request) => {
      const target = request.url ?? '/';
      const path = routedPath(target);
      // The query goes along unchanged for the list routes (?q=&cursor=); every check reads the path.
      const query = target.indexOf('?');
      if (path !== null) return query === -1 ? path : path + target.slice(query);
      unroutable.add(request);
      return '/';
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => {
    try {
      done(null, parseJsonBody(text as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  if (options.requestLog) addRequestLog(app, options.requestLog, options.licenseLogHash);

  // A callback hook, not an async one: most requests need nothing awaited here, and an async hook
  // costs every request a promise and a trip through the microtask queue.
  app.addHook('onRequest', (request: FastifyRequest, reply, done) => {
    // First, before anything asks for request.ip.
    adoptForwardedHeader(request.raw, trustedProxies);
    reply.header('x-request-id', request.id);
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    if (unroutable.has(request.raw)) return done(new KeyholeError('REQUEST_INVALID', 'the request target is not a path'));
    const path = request.url.split('?', 1)[0] as string;
    const check = ADMIN_PREFIX.test(path)
      ? authorizeAdminCall(context, request)
      : ipLimiter && (CONSOLE_API.test(path) || BUDGETED.test(path))
        ? takeOrRefuse(ipLimiter, clientKey(request.ip))
        : null;
    if (check === null) return done();
    check.then(() => done(), done);
  });

  app.setErrorHandler(async (error, request, reply) => sendJsonError(request, reply, answerableError(error, request, options.bodyLimitBytes, options.log)));
  app.setNotFoundHandler(async (request, reply) =>
    sendJsonError(request, reply, new KeyholeError('NOT_FOUND', `no route ${request.method} ${request.url}`)),
  );

  addOpenApi(app);
  app.register(publicRoutes({ context, keySet: options.keySet, keyLimiter }));
  app.register(trialRoutes({ context, keyLimiter }));
  app.register(slotRoutes({ context, keyLimiter }));
  app.register(adminRoutes(context, options.testClock));
  app.register(adminAuditRoutes(context));
  app.register(adminTokenRoutes(context));
  app.register(openApiRoute);
  app.register(consoleRoutes({ context, rateLimits }));
  app.register(manualPage({ context, keyLimiter, bodyLimitBytes: options.bodyLimitBytes, log: options.log }));
  return app;
}
