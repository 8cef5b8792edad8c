import { readOnlyApi, type ReadOnlyApi } from '../../shared/ipc/read-only.ts';
import { createHttpBridge, takeSecret } from '../bridge/http-bridge.ts';

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
 * Opens the activation and status screens in their own window. They live on an origin of their own
 * (the product's pages may only read): the host redirects this page's `/activate`, shown this
 * origin's secret, to them with theirs, which no script here can read.
 *
 * @example
 * <button onClick={() => openActivationScreens()}>License…</button>
 */
export function openActivationScreens(): void {
  window.open(`/activate?k=${encodeURIComponent(takeSecret())}`, 'keyhole-activation')?.focus();
}
