import type { LicenseView, ServerInfo } from '../../shared/ipc/contract.ts';
import type { LicenseEvaluation } from '../../shared/license/evaluate.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';
import { describeKeyBackend } from '../app/license-view.ts';

/*
 * A replayed bundle in the shape the status view reads (what node-core/app/license-view.ts makes from a
 * live snapshot). The server facts are the ones the customer's screen showed, as the bundle
 * recorded them (format 2); a format 1 bundle did not record them, so its activation counts show
 * "—" and the rest is read from the certificate and the events.
 */

function serverFromCertificate(bundle: SupportBundle, status: LicenseEvaluation): ServerInfo | null {
  if (bundle.certificate === null) return null;
  const answer = bundle.authority.lastAnswer;
  const validated = [answer?.outcome === 'ok' ? answer.at : 0, ...bundle.events.filter((e) => e.outcome === 'ok').map((e) => e.at)];
  return {
    activationsUsed: null,
    activationLimit: null,
    planName: status.certificate?.plan.name ?? null,
    expiresAt: status.certificate?.expiresAt ?? null,
    lastValidatedAt: Math.max(...validated) || null,
  };
}

/** The view of a bundle's re-evaluated status, at the bundle's own clock. */
export function replayLicenseView(bundle: SupportBundle, status: LicenseEvaluation): LicenseView {
  return {
    status,
    instanceId: bundle.instanceId,
    server: bundle.seen.server === undefined ? serverFromCertificate(bundle, status) : bundle.seen.server,
    licenseKey: bundle.licenseKeyRedacted,
    // A bundle does not carry who bought the license.
    licensee: null,
    storeBackend: describeKeyBackend(bundle.store.backend),
    storeBackendWeak: bundle.store.weakProtection,
    weakFingerprint: bundle.fingerprint.weak,
    evaluatedAt: bundle.clock.now,
    // A replay never re-validates: it shows one moment.
    nextValidationAt: null,
  };
}
