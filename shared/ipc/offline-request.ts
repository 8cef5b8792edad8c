/*
 * Step 2 of offline activation as it crosses to the renderer: the answer to createRequestCode and
 * the license view's pending request are this one shape. Its own module so the license view and
 * the offline channels (./channels/offline.ts) can both use it without importing each other.
 */

/**
 * What the user carries to a connected computer.
 *
 * @example
 * const { requestCode, manualActivationUrl } = view.offlineRequest ?? (await api.createRequestCode(key)).value;
 */
export interface OfflineRequestInfo {
  /** "KR-XXXXXXXXXX-…", grouped for reading. */
  readonly requestCode: string;
  readonly instanceId: string;
  /** The manual activation page where the request code is turned into an activation code. */
  readonly manualActivationUrl: string;
  /** The request code as a QR code: an SVG document made by main (shown as an image, never as markup). */
  readonly qrSvg: string;
  readonly supportContact: { readonly email: string; readonly url: string | null };
}
