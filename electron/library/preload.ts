import { contextBridge } from 'electron';
import { createKeyholeApi } from '../../shared/ipc/bridge.ts';
import { readOnlyApi, type ReadOnlyApi } from '../../shared/ipc/read-only.ts';
import { ipcRendererTransport } from '../ipc-renderer-transport.ts';

/*
 * `keyhole/preload`: for the host app's own windows, a read-only license API on `window.license`
 * (or the name given): the license view, the product facts and change events, over the same
 * validated IPC door as the activation window. It carries no verb that changes anything, and main
 * refuses those channels from host pages anyway (electron/ipc-door.ts).
 */

/** What a host window may call: the read-only verbs and the change subscription. */
export type ReadOnlyLicenseApi = ReadOnlyApi;

/**
 * Exposes the read-only API to the page; call it from the host app's preload script.
 *
 * @example
 * // preload.ts of the host app
 * import { exposeLicense } from 'keyhole/preload';
 * exposeLicense(); // the page: const view = await window.license.getLicense();
 */
export function exposeLicense(key = 'license'): ReadOnlyLicenseApi {
  const api = readOnlyApi(createKeyholeApi(ipcRendererTransport));
  contextBridge.exposeInMainWorld(key, api);
  return api;
}
