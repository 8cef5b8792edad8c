import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { EventMessage } from '../../shared/ipc/contract.ts';
import { createDoor } from '../../shared/ipc/door.ts';
import { createAppHost } from '../../node-core/app/app-host.ts';
import type { CreateLicenseOptions } from '../../node-core/library/index.ts';
import { licenseOverHost, type License } from '../../node-core/library/license-api.ts';
import { electronStoreOptions } from '../electron-store-backend.ts';
import { pushEvent, setupIpc } from '../ipc-door.ts';
import { lockDown } from '../security.ts';
import { electronSupportPlatform } from '../support-platform.ts';
import { RENDERER_URL, setupWindow } from '../window.ts';

/*
 * `keyhole/electron`: licensing inside a vendor's Electron app. The same License API as
 * `keyhole/node`, the store in electron-store with its key in the OS keychain, the activation and
 * status screens as a window of the host app behind the same IPC door, and read-only access for
 * the host's own windows (through `keyhole/preload`).
 */

export interface CreateElectronLicenseOptions extends Omit<CreateLicenseOptions, 'host' | 'appVersion' | 'dataDir'> {
  /** Default: `app.getVersion()`. */
  readonly appVersion?: string;
  /** Default: `<userData>/license`. */
  readonly dataDir?: string;
  /**
   * The host app's own pages that may read the license (state, plugins, changes) through
   * `keyhole/preload`; they can never act on it. Default: none.
   */
  readonly hostPages?: (url: string) => boolean;
}

export interface ElectronLicense extends License {
  /** Shows the activation and status screens (one window; focused again when already open). */
  openActivationWindow(): BrowserWindow;
}

/**
 * Opens the license of this installation inside Electron. Call once, after `app.whenReady()`
 * (the OS keychain answers only then).
 *
 * @example
 * await app.whenReady();
 * const license = createElectronLicense({ product, hostPages: (url) => url.startsWith(myPagesUrl) });
 * await license.ready;
 * Menu.setApplicationMenu(menuWith({ label: 'License…', click: () => license.openActivationWindow() }));
 */
export function createElectronLicense(options: CreateElectronLicenseOptions): ElectronLicense {
  const host = createAppHost({
    mode: 'normal',
    ...options,
    host: 'electron',
    appVersion: options.appVersion ?? app.getVersion(),
    dataDir: options.dataDir ?? join(app.getPath('userData'), 'license'),
    platform: electronSupportPlatform(),
    ...electronStoreOptions(),
  });
  const unregister = setupIpc(createDoor(host.handlers, host.log), RENDERER_URL, options.hostPages);
  let activationWindow: BrowserWindow | null = null;

  function listening(window: BrowserWindow): boolean {
    if (window === activationWindow) return true;
    return options.hostPages?.(window.webContents.mainFrame.url) ?? false;
  }
  const stopPushes = host.onEvent((message: EventMessage) => {
    for (const window of BrowserWindow.getAllWindows()) if (listening(window)) pushEvent(window.webContents, message);
  });

  const license = licenseOverHost(host);
  return {
    ...license,
    get state() {
      return license.state;
    },
    openActivationWindow() {
      if (activationWindow) {
        if (activationWindow.isMinimized()) activationWindow.restore();
        activationWindow.focus();
        return activationWindow;
      }
      const window = setupWindow(`${host.info.productName} — License`);
      // Only this window: setupSecurity's app-wide lock (every window, all remote requests) is the host app's call.
      lockDown(window.webContents);
      window.on('closed', () => {
        if (activationWindow === window) activationWindow = null;
      });
      activationWindow = window;
      return window;
    },
    close() {
      stopPushes();
      unregister();
      return license.close();
    },
  };
}
