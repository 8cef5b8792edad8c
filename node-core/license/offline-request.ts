import { parseLicenseKey, redactLicenseKey } from '../../shared/format/license-key.ts';
import { encodeRequestCode } from '../../shared/license/offline-codes.ts';
import { asKeyholeError, type ServiceContext } from './service-context.ts';

/*
 * Step 1 of offline activation: the request code this machine hands to the manual
 * activation page or the vendor — license key, Instance ID, fingerprint, app version — with the
 * page's address, a QR code of the request (SVG, made here in the main process) and the vendor's
 * support contact. Nothing is sent anywhere. The key is remembered so an online-mode certificate
 * brought back by hand can later re-validate by itself.
 */

export interface OfflineRequest {
  /** "KR-XXXXXXXXXX-…", grouped for reading. */
  readonly requestCode: string;
  readonly instanceId: string;
  /** Where to paste it: product config manualActivationUrl, else the authority's /activate. */
  readonly manualActivationUrl: string;
  /** The request code as a QR code, an SVG document string. */
  readonly qrSvg: string;
  readonly supportContact: { readonly email: string; readonly url: string | null };
}

/** The manual activation page of this product. */
export function manualActivationUrl(context: ServiceContext): string {
  return context.product.manualActivationUrl ?? `${context.authority.baseUrl.replace(/\/+$/, '')}/activate`;
}

/** Where an offline deactivation code is handed in: the configured page, else the authority's /deactivate. */
export function manualDeactivationUrl(context: ServiceContext): string {
  return context.product.manualActivationUrl ?? `${context.authority.baseUrl.replace(/\/+$/, '')}/deactivate`;
}

/** The QR code of a code, as SVG markup. qrcode loads on first use: start-up never needs it. */
export async function qrSvg(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export async function createRequestCode(context: ServiceContext, licenseKey: string): Promise<OfflineRequest> {
  let canonical: string;
  try {
    canonical = parseLicenseKey(licenseKey);
  } catch (thrown) {
    const error = asKeyholeError(thrown);
    context.record({ action: 'offline_request', outcome: error.code, httpStatus: null, latencyMs: null, note: error.hint ?? null });
    throw error;
  }
  const machine = await context.machine.get({ confirmed: true });
  const requestCode = encodeRequestCode({
    licenseKey: canonical,
    instanceId: machine.instanceId,
    fingerprint: machine.fingerprint.compact,
    appVersion: semver(context.appVersion),
    createdAt: context.clock.now(),
  });
  context.store.update((state) => ({ ...state, offline: { ...state.offline, requestKey: canonical } }));
  context.record({ action: 'offline_request', outcome: 'ok', httpStatus: null, latencyMs: null, note: redactLicenseKey(canonical) });
  const support = context.product.support;
  return {
    requestCode,
    instanceId: machine.instanceId,
    manualActivationUrl: manualActivationUrl(context),
    // A link, not the bare code: scanned with a phone, it opens the manual page with the code filled in.
    qrSvg: await qrSvg(`${manualActivationUrl(context)}?request_code=${encodeURIComponent(requestCode)}`),
    supportContact: { email: support.email, url: support.url ?? null },
  };
}

/** "1.4.2-beta.1" → 1, 4, 2; anything unreadable counts as 0. */
function semver(version: string): { major: number; minor: number; patch: number } {
  const [major = 0, minor = 0, patch = 0] = (/^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version.trim()) ?? []).slice(1).map((part) => Number(part ?? 0));
  return { major, minor, patch };
}
