import type { AppState } from './store.ts';

/**
 * What "Copy details for support" puts on the clipboard: the error and the status, as JSON. Never
 * the license key (the user typed it; the vendor can look it up from the Instance ID).
 */
export function supportDetails(state: AppState): Record<string, unknown> {
  const { info, license, problem } = state;
  const { status } = license;
  return {
    app: { product: info.productName, version: info.appVersion, host: info.host, mode: info.mode },
    error: problem ? { action: problem.action, ...problem.error } : null,
    status: {
      state: status.state,
      code: status.code,
      check: status.check,
      failedCheck: status.failedCheck,
      daysLeft: status.daysLeft ?? null,
      featuresEnabled: status.featuresEnabled,
      mode: status.certificate?.mode ?? null,
      licenseId: status.certificate?.licenseId ?? null,
      expiresAt: iso(status.certificate?.expiresAt),
      leaseUntil: iso(status.certificate?.leaseUntil),
      fingerprint: status.fingerprint,
    },
    instanceId: license.instanceId,
    server: license.server,
    storeBackend: license.storeBackend,
    weakFingerprint: license.weakFingerprint,
    evaluatedAt: iso(license.evaluatedAt),
  };
}

function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}
