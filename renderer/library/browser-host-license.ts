import { readOnlyApi, type ReadOnlyApi } from '../../shared/ipc/read-only.ts';
import { createHttpBridge } from '../bridge/http-bridge.ts';

/*
 * For a product page served by the browser host beside the activation screens (keyhole/node's
 * createBrowserLicense): the same read-only license API `keyhole/preload` gives an Electron window,
 * over the browser host's door, and a way to open the activation screens from the page's menu.
 */

/** What a product page may call: the read-only verbs and the change subscription. */
export type BrowserHostLicenseApi = ReadOnlyApi;

/**
 * The read-only license API of the page's browser host (call once per page).
 *
 * @example
 * const source = createLicenseSource(browserHostLicense());
 */
export function browserHostLicense(): BrowserHostLicenseApi {
  return readOnlyApi(createHttpBridge());
}

/**
 * Opens the activation and status screens in their own window (focused again when open). The
 * window shares this tab's session, so it needs no secret in its address.
 *
 * @example
 * <button onClick={() => openActivationScreens()}>License…</button>
 */
export function openActivationScreens(): void {
  window.open('/', 'keyhole-activation')?.focus();
}
