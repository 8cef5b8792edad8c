import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { decodeActivationCode } from '../../shared/license/certificate.ts';
import { describeMismatch, matchFingerprint } from '../../shared/license/fingerprint.ts';
import { certificateDigest, encodeDeactivationCode } from '../../shared/license/offline-codes.ts';
import { appendEvent, type PendingDeactivation } from '../store/license-state.ts';
import { manualDeactivationUrl } from './offline-request.ts';
import type { ServiceContext } from './service-context.ts';

/*
 * "Deactivate this device" without a network: the activation is removed here at once, and the
 * deactivation code — the digest of the very certificate removed — proves it to the authority,
 * which frees the slot when the code is pasted into its manual page (or the vendor's CLI). The code
 * stays in the store, so it can be shown and copied again, until the user dismisses it.
 */

export interface OfflineDeactivation {
  /** "KD-XXXXXXXXXX-…" */
  readonly code: string;
  /** Where to paste it (the authority's /deactivate page unless the product config names a page). */
  readonly manualUrl: string;
}

export async function deactivateWithCode(context: ServiceContext): Promise<OfflineDeactivation> {
  const activation = context.store.state.activation;
  if (!activation) throw new KeyholeError('NOT_ACTIVATED');
  // The stored certificate was verified when stored; the authority checks the digest, not the signature.
  const { payload } = decodeActivationCode(activation.certificate, context.catalog);
  // A store copied to another machine must not free the slot of the machine it was copied from,
  // which keeps working offline: only the machine the certificate names may give it up.
  const machine = await context.machine.get({ confirmed: true });
  const match = matchFingerprint(payload.fingerprint, machine.fingerprint.compact);
  if (payload.instanceId !== machine.instanceId || !match.matches) {
    const hint = `the activation belongs to Instance ID ${payload.instanceId}, this installation is ${machine.instanceId}; ${describeMismatch(match)}`;
    context.record({ action: 'deactivate_offline', outcome: 'LICENSE_MISMATCH', httpStatus: null, latencyMs: null, note: hint });
    throw new KeyholeError('LICENSE_MISMATCH', hint);
  }
  const at = context.clock.now();
  const code = encodeDeactivationCode({
    licenseId: payload.licenseId,
    instanceId: payload.instanceId,
    certificateDigest: await certificateDigest(activation.certificate, context.catalog),
    deactivatedAt: at,
  });
  const manualUrl = manualDeactivationUrl(context);
  const pending: PendingDeactivation = { code, at, licenseId: payload.licenseId, instanceId: payload.instanceId, manualUrl };
  context.store.update((state) => ({
    ...state,
    activation: null,
    lastValidation: null,
    serverLicense: null,
    offline: { ...state.offline, deactivation: pending },
    events: appendEvent(state.events, {
      at,
      action: 'deactivate_offline',
      outcome: 'ok',
      httpStatus: null,
      latencyMs: null,
      note: `license ${payload.licenseId}: removed here; the slot is freed when the deactivation code is handed in`,
    }),
  }));
  return { code, manualUrl };
}

/** The code of the last offline deactivation, until dismissed. */
export function pendingDeactivation(context: ServiceContext): OfflineDeactivation | null {
  const pending = context.store.state.offline.deactivation;
  return pending && { code: pending.code, manualUrl: pending.manualUrl };
}

export function dismissDeactivationCode(context: ServiceContext): void {
  if (context.store.state.offline.deactivation === null) return;
  context.store.update((state) => ({ ...state, offline: { ...state.offline, deactivation: null } }));
}
