import type { LicenseView } from '../../shared/ipc/contract.ts';
import type { LicenseStatus } from '../../shared/license/evaluate.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';
import { describeKeyBackend } from '../license-view.ts';

/*
 * A replayed bundle in the shape the status view reads (what electron/license-view.ts makes from a
 * live snapshot). The bundle does not record the server's activation counts, so those show "—";
 * everything else the customer's screen showed is here.
 */

/** The view of a bundle's re-evaluated status, at the bundle's own clock. */
export function replayLicenseView(bundle: SupportBundle, status: LicenseStatus): LicenseView {
  const answer = bundle.authority.lastAnswer;
  const certificate = status.certificate;
  const validated = [answer?.outcome === 'ok' ? answer.at : 0, ...bundle.events.filter((e) => e.outcome === 'ok').map((e) => e.at)];
  return {
    status,
    instanceId: bundle.instanceId,
    server:
      bundle.certificate === null
        ? null
        : {
            activationsUsed: null,
            activationsLimit: null,
            planName: certificate?.plan.name ?? null,
            expiresAt: certificate?.expiresAt ?? null,
            lastValidatedAt: Math.max(...validated) || null,
          },
    storeBackend: describeKeyBackend(bundle.store.backend),
    storeBackendWeak: bundle.store.weakProtection,
    weakFingerprint: bundle.fingerprint.weak,
    evaluatedAt: bundle.clock.now,
    // A replay never re-validates: it shows one moment.
    nextValidationAt: null,
  };
}
