import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppHost, type AppHostOptions } from '../app/app-host.ts';
import type { HostPages } from '../browser-host/browser-host.ts';
import { licenseOverHost, type License } from './license-api.ts';

/*
 * `keyhole/node` for a product whose windows are browser pages on this machine: the License API,
 * plus the activation and status screens and the product's own built pages served over loopback by
 * the browser host (the same door as Electron's; the pages on an origin of their own, read-only).
 */

/** The built activation screens: dist/ of the keyhole package this module is part of (sources or dist-library/). */
function activationScreens(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++, dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'keyhole') return join(dir, 'dist');
  }
  throw new Error(`no keyhole package.json above ${fileURLToPath(import.meta.url)}: the activation screens cannot be found`);
}

export interface CreateBrowserLicenseOptions extends Omit<AppHostOptions, 'mode' | 'host'> {
  /** 'demo' when running against the embedded demo authority; default 'normal'. */
  readonly mode?: AppHostOptions['mode'];
  /** The product's own built pages, e.g. `[{ prefix: '/studio/', dir: 'dist-studio' }]`. */
  readonly pages?: readonly HostPages[];
  /** 0 (default) picks a free port on 127.0.0.1. */
  readonly port?: number;
}

export interface BrowserLicense extends Omit<License, 'close'> {
  /** The activation screens' origin, `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Your pages' own origin (another port, read-only), or null when there are none. */
  readonly pagesOrigin: string | null;
  /**
   * The address to open first: `path` (default the activation screens, '/'; one of your pages
   * when it starts with their prefix) with its origin's launch secret, which the page moves out of
   * the address bar; later pages of the tab on that origin share it.
   */
  urlOf(path?: string): string;
  /** Stops serving and re-validating; settles once every change is on disk. The store stays. */
  close(): Promise<void>;
}

/**
 * Opens the license and serves its screens beside the product's pages.
 *
 * @example
 * const license = await createBrowserLicense({ product, dataDir, appVersion: '1.0.0', pages: [{ prefix: '/studio/', dir }] });
 * console.log(`Studio: ${license.urlOf('/studio/')}`);
 */
export async function createBrowserLicense(options: CreateBrowserLicenseOptions): Promise<BrowserLicense> {
  const screens = activationScreens();
  if (!existsSync(join(screens, 'index.html'))) {
    throw new Error(`the activation screens are not built (${screens}): run \`npm run build\` first`);
  }
  const { pages, port, ...core } = options;
  // Loaded here, not with `keyhole/node`: a product that never serves pages never loads them.
  const [{ createDoor }, { startBrowserHost }] = await Promise.all([import('../../shared/ipc/door.ts'), import('../browser-host/browser-host.ts')]);
  const host = createAppHost({ mode: 'normal', ...core, host: 'browser' });
  const license = licenseOverHost(host);
  let server;
  try {
    server = await startBrowserHost({
      door: createDoor(host.handlers, host.log),
      onEvent: host.onEvent,
      staticDir: screens,
      ...(pages ? { pages } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(core.log ? { log: core.log } : {}),
    });
  } catch (error) {
    await license.close();
    throw error;
  }
  const running = server;
  const secret = new URL(running.url).searchParams.get('k') ?? '';
  const isPage = (path: string) => pages?.some((entry) => path.startsWith(entry.prefix) || path === entry.prefix.slice(0, -1)) ?? false;
  const { close: _close, ...api } = license;
  return {
    ...api,
    get state() {
      return license.state;
    },
    origin: running.origin,
    pagesOrigin: running.pagesOrigin,
    urlOf: (path = '/') => (isPage(path) ? running.pageUrl(path) : null) ?? `${running.origin}${path}?k=${secret}`,
    async close() {
      await running.close();
      await license.close();
    },
  };
}
