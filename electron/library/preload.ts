import { contextBridge } from 'electron';
import { createKeyholeApi } from '../../shared/ipc/bridge.ts';
import type { KeyholeApi } from '../../shared/ipc/contract.ts';
import { READ_ONLY_VERBS } from '../../shared/ipc/read-only.ts';
import { ipcRendererTransport } from '../ipc-renderer-transport.ts';

/*
 * `keyhole/preload`: for the host app's own windows, a read-only license API on `window.license`
 * (or the name given): the license view, the product facts and change events, over the same
 * validated IPC door as the activation window. It carries no verb that changes anything, and main
 * refuses those channels from host pages anyway (electron/ipc-door.ts).
 */

/** What a host window may call: the read-only verbs and the change subscription. */
export type ReadOnlyLicenseApi = Pick<KeyholeApi, (typeof READ_ONLY_VERBS)[number] | 'onLicenseChanged'>;

/**
 * Exposes the read-only API to the page; call it from the host app's preload script.
 *
 * @example
 * // preload.ts of the host app
 * import { exposeLicense } from 'keyhole/preload';
 * exposeLicense(); // the page: const view = await window.license.getLicense();
 */
export function exposeLicense(key = 'license'): ReadOnlyLicenseApi {
  const full = createKeyholeApi(ipcRendererTransport);
  const api = Object.freeze(
    Object.fromEntries([...READ_ONLY_VERBS, 'onLicenseChanged'].map((name) => [name, full[name as keyof ReadOnlyLicenseApi]])),
  ) as ReadOnlyLicenseApi;
  contextBridge.exposeInMainWorld(key, api);
  return api;
}
