import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDoor } from '../../shared/ipc/door.ts';
import { createAppHost, type AppHostOptions } from '../app/app-host.ts';
import { startBrowserHost, type HostPages } from '../browser-host/browser-host.ts';
import { licenseOverHost, type License } from './license-api.ts';

/*
 * `keyhole/node` for a product whose windows are browser pages on this machine: the License API,
 * plus the activation and status screens and the product's own built pages served together over
 * loopback by the browser host (one origin, one per-launch secret, the same door as Electron's).
 */

const ACTIVATION_SCREENS = fileURLToPath(new URL('../../dist', import.meta.url));

export interface CreateBrowserLicenseOptions extends Omit<AppHostOptions, 'mode' | 'host'> {
  /** 'demo' when running against the embedded demo authority; default 'normal'. */
  readonly mode?: AppHostOptions['mode'];
  /** The product's own built pages, e.g. `[{ prefix: '/studio/', dir: 'dist-studio' }]`. */
  readonly pages?: readonly HostPages[];
  /** 0 (default) picks a free port on 127.0.0.1. */
  readonly port?: number;
}

export interface BrowserLicense extends Omit<License, 'close'> {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /**
   * The address to open first: `path` (default the activation screens, '/') with the launch
   * secret, which the page moves out of the address bar; later pages of the tab share it.
   */
  urlOf(path?: string): string;
  /** Stops serving and re-validating; the store stays on disk. */
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
  if (!existsSync(join(ACTIVATION_SCREENS, 'index.html'))) {
    throw new Error(`the activation screens are not built (${ACTIVATION_SCREENS}): run \`npm run build\` first`);
  }
  const { pages, port, ...core } = options;
  const host = createAppHost({ mode: 'normal', ...core, host: 'browser' });
  const license = licenseOverHost(host);
  let server;
  try {
    server = await startBrowserHost({
      door: createDoor(host.handlers, host.log),
      onEvent: host.onEvent,
      staticDir: ACTIVATION_SCREENS,
      ...(pages ? { pages } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(core.log ? { log: core.log } : {}),
    });
  } catch (error) {
    license.close();
    throw error;
  }
  const secret = new URL(server.url).searchParams.get('k') ?? '';
  const { close: _close, ...api } = license;
  return {
    ...api,
    get state() {
      return license.state;
    },
    origin: server.origin,
    urlOf: (path = '/') => `${server.origin}${path}?k=${secret}`,
    async close() {
      await server.close();
      license.close();
    },
  };
}
