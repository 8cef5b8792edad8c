import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProductConfig } from '../../shared/product/config.ts';
import { createAuthority, type Authority } from '../authority.ts';
import { initDataDir } from '../authority-data.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { RateLimitConfig } from '../http/rate-limit.ts';
import { defaultRequestLogPath } from '../http/request-log.ts';
import { createAdminToken } from '../licensing/admin-tokens.ts';
import { addConsoleUser, newSignInLink } from '../licensing/console-users.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { loadProductConfig } from '../product-config.ts';
import { seedDemoLicenses, type DemoKey } from './demo-licenses.ts';

/*
 * A ready-to-use authority for `npm start` and the app's E2E tests: a data dir (temporary unless
 * given), a signing key, the demo plans and licenses, and a server on loopback. It returns the
 * product config the app should use: the real one with authorityUrl and publicKeys pointing here.
 */

export interface DemoAuthorityOptions {
  /** Reused when given (demo licenses are created only where missing); a temp dir, deleted on close, otherwise. */
  readonly dataDir?: string;
  /** Defaults to 0 (a free port). */
  readonly port?: number;
  readonly host?: string;
  /** Defaults to build/product.json. */
  readonly productConfig?: ProductConfig;
  readonly clock?: Clock;
  /** Enables POST /admin/test-clock (see authority.ts). */
  readonly testClock?: boolean;
  /** Off by default so tests can hammer the demo keys; pass limits to demo RATE_LIMITED. */
  readonly rateLimits?: RateLimitConfig | false;
}

export interface DemoAuthority {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly dataDir: string;
  /** The product config with authorityUrl = url and publicKeys = this authority's keys. */
  readonly productConfig: ProductConfig;
  /** online, airgapped, expired, deactivated, limit-reached, few-plugins, offline-only. */
  readonly keys: readonly DemoKey[];
  /** A fresh admin bearer token for /admin/… */
  readonly adminToken: string;
  /** The vendor console's address, and a single-use link where the demo vendor sets a password and is signed in. */
  readonly console: { readonly url: string; readonly email: string; readonly signInLink: string };
  readonly authority: Authority;
  close(): Promise<void>;
}

export async function startDemoAuthority(options: DemoAuthorityOptions = {}): Promise<DemoAuthority> {
  const productConfig = options.productConfig ?? loadProductConfig();
  const clock = options.clock ?? systemClock;
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'keyhole-demo-'));
  try {
    await initDataDir(dataDir, productConfig, clock);
    const authority = await createAuthority({
      dataDir,
      productConfig,
      clock,
      testClock: options.testClock ?? false,
      rateLimits: options.rateLimits ?? false,
      // As in production: one line per request in the data dir, so `keyhole log find <request id>`
      // finds what a demo customer's error panel names.
      requestLog: defaultRequestLogPath(dataDir),
    });
    const keys = await seedDemoLicenses(authority.context);
    const adminToken = await createAdminToken(authority.context.storage, 'demo authority', clock.now());
    const url = await authority.listen(options.port ?? 0, options.host ?? '127.0.0.1');
    const linkToken = await demoVendorLink(authority.context);
    return {
      url,
      console: { url: `${url}/console`, email: DEMO_VENDOR_EMAIL, signInLink: `${url}/console/set-password#token=${linkToken}` },
      dataDir,
      productConfig: { ...productConfig, authorityUrl: url, publicKeys: authority.keySet.keys.map((k) => ({ ...k })) },
      keys,
      adminToken,
      authority,
      close: async () => {
        await authority.close();
        if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The demo's vendor: an admin of the console, made on the first run and given a new link on every run. */
export const DEMO_VENDOR_EMAIL = 'vendor@demo.keyhole.test';

async function demoVendorLink(ctx: LicensingContext): Promise<string> {
  const known = await ctx.storage.findConsoleUserByEmail(DEMO_VENDOR_EMAIL);
  if (known) return (await newSignInLink(ctx, known)).linkToken;
  return (await addConsoleUser(ctx, DEMO_VENDOR_EMAIL, 'admin')).linkToken;
}
