import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ProductConfig } from '../shared/product/config.ts';
import type { PublicKeySet } from '../shared/license/signing.ts';
import { openDataDir } from './authority-data.ts';
import { createOffsetClock, systemClock, type Clock, type OffsetClock } from './clock.ts';
import { createApp } from './http/app.ts';
import { parseTrustedProxies, type ProxyHeader } from './http/client-address.ts';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig, type RateLimitStoreFactory } from './http/rate-limit.ts';
import { licenseLogHasher, openLogFile, type LogDestination } from './http/request-log.ts';
import { dataDirLayout, readLogHashKey } from './data-dir.ts';
import type { ServerLimits } from './http/server-limits.ts';
import { publicKeySet } from './keys/signing-keys.ts';
import { openPostgresRateLimitStores } from './rate-limit/postgres-rate-limit-store.ts';
import type { LicensingContext } from './licensing/context.ts';

/*
 * The license authority as one object: an opened data dir, the Fastify app, and its node:http
 * server. Tests create it in-process (and may `app.inject()` without a socket); `keyhole authority
 * start` creates it in its own process.
 */

export interface AuthorityOptions {
  /** An initialized data dir (`keyhole authority init` or initDataDir()). */
  readonly dataDir: string;
  /** postgres://… to serve from PostgreSQL; undefined = the data dir's SQLite file. */
  readonly databaseUrl?: string | undefined;
  readonly productConfig: ProductConfig;
  readonly clock?: Clock;
  /** Wraps the clock in an offset clock settable through POST /admin/test-clock. Tests and demos only. */
  readonly testClock?: boolean;
  /** Defaults to DEFAULT_RATE_LIMITS; false turns limiting off. */
  readonly rateLimits?: RateLimitConfig | false;
  /** Where rate-limit buckets live (a store shared by several instances); in memory by default. */
  readonly createRateLimitStore?: RateLimitStoreFactory;
  readonly bodyLimitBytes?: number;
  /** Timeouts, header size and the per-client connection cap; SERVER_LIMITS by default. */
  readonly limits?: Partial<ServerLimits>;
  /** Proxies (addresses or CIDRs) whose X-Forwarded-For (or Forwarded) and X-Request-Id are believed. */
  readonly trustProxy?: string | readonly string[];
  /** The header those proxies name the client in; X-Forwarded-For by default. */
  readonly proxyHeader?: ProxyHeader;
  /** The request log: a file path (appended), '-' for stdout, or a destination; none by default. */
  readonly requestLog?: string | LogDestination;
  /** Where unexpected errors are reported (never to the client). Defaults to stderr. */
  readonly log?: (error: unknown) => void;
  /**
   * SQLite only: 'background' (default) checkpoints the WAL in a thread of its own; 'inline' leaves
   * it to SQLite inside commits (a test that reads the WAL to count commits needs the log to stay put).
   */
  readonly walCheckpoints?: 'background' | 'inline';
}

export interface Authority {
  /** The Fastify app: `authority.app.inject(…)` answers a request without a socket. */
  readonly app: FastifyInstance;
  readonly server: Server;
  readonly context: LicensingContext;
  /** The published keys now (a rotation by any process shows up here). */
  readonly keySet: PublicKeySet;
  /** Present when started with testClock. */
  readonly testClock: OffsetClock | null;
  /** Starts listening; resolves to the base URL, e.g. http://127.0.0.1:41234. */
  listen(port?: number, host?: string): Promise<string>;
  /** Opens the request log file again (after logrotate moved it); `authority start` does it on SIGHUP. */
  reopenLog(): void;
  close(): Promise<void>;
}

export async function createAuthority(options: AuthorityOptions): Promise<Authority> {
  const trustedProxies = parseTrustedProxies(options.trustProxy ?? [], options.proxyHeader);
  const testClock = options.testClock ? createOffsetClock(0, options.clock ?? systemClock) : null;
  const clock = testClock ?? options.clock ?? systemClock;
  const log = options.log ?? ((error: unknown) => console.error('keyhole authority: unexpected error', error));
  // A server runs for days: its SQLite checkpoints go to a thread of their own (wal-checkpointer.ts).
  const opened = await openDataDir(
    options.dataDir,
    options.productConfig,
    clock,
    options.databaseUrl,
    options.walCheckpoints === 'inline'
      ? {}
      : { backgroundCheckpoints: { onFailure: (reason) => log(new Error(`${reason}; checkpointing on the server's own connection again`)) } },
  );
  const keySet = () => publicKeySet(options.productConfig.productId, opened.keys);
  // Several instances on one PostgreSQL database share their rate-limit buckets there, so a client
  // spreading requests over them behind a proxy gets the budget of one.
  const sharedBuckets =
    options.createRateLimitStore === undefined && options.databaseUrl !== undefined && options.rateLimits !== false
      ? await openPostgresRateLimitStores(options.databaseUrl)
      : null;
  const createRateLimitStore = options.createRateLimitStore ?? (sharedBuckets ? sharedBuckets.store : undefined);
  const logFile = typeof options.requestLog === 'string' && options.requestLog !== '-' ? openLogFile(options.requestLog) : null;
  const requestLog = options.requestLog === '-' ? { write: (line: string) => void process.stdout.write(line) } : (logFile ?? (typeof options.requestLog === 'object' ? options.requestLog : null));
  const app = createApp({
    context: opened.context,
    keySet: async () => {
      await opened.keys.refresh();
      return keySet();
    },
    rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS,
    ...(createRateLimitStore ? { createRateLimitStore } : {}),
    bodyLimitBytes: options.bodyLimitBytes ?? 16 * 1024,
    ...(options.limits ? { limits: options.limits } : {}),
    trustedProxies,
    testClock,
    log,
    requestLog,
    licenseLogHash: licenseLogHasher(readLogHashKey(dataDirLayout(options.dataDir))),
  });
  let closed: Promise<void> | null = null;

  return {
    app,
    server: app.server,
    context: opened.context,
    get keySet() {
      return keySet();
    },
    testClock,
    listen: async (port = 0, host = '127.0.0.1') => {
      await app.listen({ port, host, listenTextResolver: () => 'listening' });
      const address = app.server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${shownHost}:${address.port}`;
    },
    reopenLog: () => logFile?.reopen(),
    close: () =>
      (closed ??= app.close().then(async () => {
        logFile?.close();
        await sharedBuckets?.close();
        await opened.close();
      })),
  };
}
