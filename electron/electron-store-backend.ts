import { safeStorage } from 'electron';
import { keyFileProtector, safeStorageKeyProtector, type KeyProtector } from '../node-core/store/key-protector.ts';
import { lazyBackend, type CreateStoreBackend, type StoreBackend } from '../node-core/store/store-file.ts';

/*
 * Where the license store lives inside Electron: electron-store, with the data key protected by
 * safeStorage (the OS keychain) where available, else the 0600 key file. Used by the activation
 * app (license-host.ts) and the library (library/create-electron-license.ts). Call after ready:
 * safeStorage answers only then.
 */

export function electronStoreOptions(): { keyProtector: KeyProtector; createBackend: CreateStoreBackend } {
  return {
    keyProtector: safeStorageKeyProtector(safeStorage) ?? keyFileProtector(),
    // Loaded for the first write: start-up reads the store without it (node-core/store/store-file.ts).
    createBackend: lazyBackend(
      () => import('electron-store'),
      ({ default: ElectronStore }, options) => new ElectronStore<Record<string, unknown>>(options) as unknown as StoreBackend,
    ),
  };
}
