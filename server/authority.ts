import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProductConfig } from '../shared/product/config.ts';
import { publicKeySet } from './keys/signing-keys.ts';
import { openDataDir } from './authority-data.ts';
import { createOffsetClock, systemClock, type Clock, type OffsetClock } from './clock.ts';
import { createRequestListener } from './http/app.ts';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from './http/rate-limit.ts';
import type { LicensingContext } from './licensing/context.ts';
import type { PublicKeySet } from '../shared/license/signing.ts';

/*
 * The license authority as one object: an opened data dir, the request listener, and a node:http
 * server for it. Tests create it in-process; `keyhole authority start` creates it in its own process.
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
  readonly bodyLimitBytes?: number;
  /** Where unexpected errors are reported (never to the client). Defaults to stderr. */
  readonly log?: (error: unknown) => void;
}

export interface Authority {
  readonly handler: RequestListener;
  readonly server: Server;
  readonly context: LicensingContext;
  /** The published keys now (a rotation by any process shows up here). */
  readonly keySet: PublicKeySet;
  /** Present when started with testClock. */
  readonly testClock: OffsetClock | null;
  /** Starts listening; resolves to the base URL, e.g. http://127.0.0.1:41234. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createAuthority(options: AuthorityOptions): Promise<Authority> {
  const testClock = options.testClock ? createOffsetClock(0, options.clock ?? systemClock) : null;
  const clock = testClock ?? options.clock ?? systemClock;
  const opened = await openDataDir(options.dataDir, options.productConfig, clock, options.databaseUrl);
  const keySet = () => publicKeySet(options.productConfig.productId, opened.keys);
  const handler = createRequestListener({
    context: opened.context,
    keySet: async () => {
      await opened.keys.refresh();
      return keySet();
    },
    rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS,
    bodyLimitBytes: options.bodyLimitBytes ?? 16 * 1024,
    testClock,
    log: options.log ?? ((error) => console.error('keyhole authority: unexpected error', error)),
  });
  const server = createServer({ keepAliveTimeout: 5000 }, handler);
  let closed: Promise<void> | null = null;

  return {
    handler,
    server,
    context: opened.context,
    get keySet() {
      return keySet();
    },
    testClock,
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shownHost}:${address.port}`);
        });
      }),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        if (!server.listening) resolve();
      }).then(() => opened.close())),
  };
}
