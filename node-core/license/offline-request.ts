import { parseLicenseKey, redactLicenseKey } from '../../shared/format/license-key.ts';
import type { OfflineRequestInfo } from '../../shared/ipc/channels/offline.ts';
import { encodeRequestCode } from '../../shared/license/offline-codes.ts';
import type { LicenseStateData } from '../store/license-state.ts';
import { asKeyholeError, type ServiceContext } from './service-context.ts';

/*
 * Step 1 of offline activation: the request code this machine hands to the manual
 * activation page or the vendor — license key, Instance ID, fingerprint, app version — with the
 * page's address, a QR code of the request (SVG, made here in the main process) and the vendor's
 * support contact. Nothing is sent anywhere. The key is remembered so an online-mode certificate
 * brought back by hand can later re-validate by itself, and the code itself is kept as the pending
 * request: the step is offered again, with the very same code, after a reload or a restart, until
 * an activation is stored or the user starts over. The code encodes the key, so only the activation
 * screens' own channel (getOfflineRequest) hands it out; the license snapshot never carries it.
 */

/** The step as the contract shows it (one shape for the answer to createRequestCode and the pending request). */
export type OfflineRequest = OfflineRequestInfo;

/** The manual activation page of this product. */
export function manualActivationUrl(context: ServiceContext): string {
  return context.product.manualActivationUrl ?? `${context.authority.baseUrl.replace(/\/+$/, '')}/activate`;
}

/** Where an offline deactivation code is handed in: the configured page, else the authority's /deactivate. */
export function manualDeactivationUrl(context: ServiceContext): string {
  return context.product.manualActivationUrl ?? `${context.authority.baseUrl.replace(/\/+$/, '')}/deactivate`;
}

// The activation screens ask for the pending request at start and on every license change: its QR code is made once, not per ask.
let lastQr: { readonly text: string; readonly svg: string } | null = null;

/** The QR code of a code, as SVG markup. qrcode loads on first use: start-up needs it only while a request code is pending. */
export async function qrSvg(text: string): Promise<string> {
  if (lastQr?.text === text) return lastQr.svg;
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  lastQr = { text, svg };
  return svg;
}

/** A request code with what the step shows beside it: the manual page, its QR code, the support contact. */
async function describeRequest(context: ServiceContext, requestCode: string, instanceId: string): Promise<OfflineRequest> {
  const support = context.product.support;
  return {
    requestCode,
    instanceId,
    manualActivationUrl: manualActivationUrl(context),
    // A link, not the bare code: scanned with a phone, it opens the manual page with the code filled in.
    qrSvg: await qrSvg(`${manualActivationUrl(context)}?request_code=${encodeURIComponent(requestCode)}`),
    supportContact: { email: support.email, url: support.url ?? null },
  };
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
  const request = { code: requestCode, at: context.clock.now(), instanceId: machine.instanceId };
  context.store.update((state) => ({ ...state, offline: { ...state.offline, requestKey: canonical, request } }));
  context.record({ action: 'offline_request', outcome: 'ok', httpStatus: null, latencyMs: null, note: redactLicenseKey(canonical) });
  return describeRequest(context, requestCode, machine.instanceId);
}

/**
 * The request code still waiting for its activation code, for the machine it was made on: a store
 * copied to another machine holds a code that names the original one, so it is not offered there.
 */
export async function pendingRequest(context: ServiceContext, instanceId: string): Promise<OfflineRequest | null> {
  const request = context.store.state.offline.request;
  if (request === null || request.instanceId !== instanceId) return null;
  return describeRequest(context, request.code, request.instanceId);
}

/** The offline part of a state with no request pending: an activation was stored, or the user started over. */
export function withoutRequest(offline: LicenseStateData['offline']): LicenseStateData['offline'] {
  return offline.request === null ? offline : { ...offline, request: null };
}

/** "Start over": the pending request is forgotten (its key stays, for a code brought back all the same). */
export function discardRequest(context: ServiceContext): void {
  if (context.store.state.offline.request === null) return;
  context.store.update((state) => ({ ...state, offline: withoutRequest(state.offline) }));
}

/** "1.4.2-beta.1" → 1, 4, 2; anything unreadable counts as 0. */
function semver(version: string): { major: number; minor: number; patch: number } {
  const [major = 0, minor = 0, patch = 0] = (/^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version.trim()) ?? []).slice(1).map((part) => Number(part ?? 0));
  return { major, minor, patch };
}
