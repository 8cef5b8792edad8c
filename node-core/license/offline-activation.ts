import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { redactLicenseKey } from '../../shared/format/license-key.ts';
import { assembleActivationCode, decodeActivationCode } from '../../shared/license/certificate.ts';
import { evaluateLicense } from '../../shared/license/evaluate.ts';
import { appendEvent } from '../store/license-state.ts';
import { withoutRequest } from './offline-request.ts';
import type { ServiceContext } from './service-context.ts';

/*
 * Step 3 of offline activation: the pasted activation code is verified here, offline — signature,
 * then the same evaluation getStatus uses (this Instance ID and fingerprint, clock, version
 * covered, not expired), so a code for another machine is LICENSE_MISMATCH and an expired one
 * LICENSE_EXPIRED exactly as on the status screen. Only a code that would be active replaces the
 * stored activation; a refused one changes nothing but the event log.
 *
 * Renewal keeps what belongs to the same license (its key, the last facts the server gave); a code
 * for a different license starts clean.
 */

export async function activateWithCode(context: ServiceContext, activationCode: string): Promise<void> {
  const verified = await context.verify(activationCode);
  if ('error' in verified) fail(context, new KeyholeError(verified.error.code, verified.error.hint, verified.error.details));
  const payload = verified.payload;
  const machine = await context.machine.get({ confirmed: true });
  const now = context.clock.now();
  const state = context.store.state;
  const status = evaluateLicense({
    certificate: { payload },
    machine: { instanceId: machine.instanceId, fingerprint: machine.fingerprint.compact },
    now,
    highestTimeSeen: state.highestTimeSeen,
    appVersion: context.appVersion,
    lastServerAnswer: null,
  });
  if (!status.featuresEnabled) fail(context, new KeyholeError(status.code ?? 'LICENSE_INVALID', status.failedCheck ?? undefined));

  // Stored in its canonical spelling, whatever spaces or case the paste had.
  const { signedBytes, signature } = decodeActivationCode(activationCode, context.catalog);
  const certificate = assembleActivationCode(signedBytes, signature);
  const previous = state.activation;
  const sameLicense = previous !== null && licenseIdOf(context, previous.certificate) === payload.licenseId;
  const licenseKey = sameLicense && previous.licenseKey !== null ? previous.licenseKey : payload.mode === 'online' ? state.offline.requestKey : null;
  context.store.update((current) => ({
    ...current,
    activation: { certificate, licenseKey, mode: payload.mode, activatedAt: now },
    // No server answer speaks about this certificate yet.
    lastValidation: null,
    serverLicense: sameLicense ? current.serverLicense : null,
    recovery: null,
    // The request this code answers (or an older one) is done with.
    offline: withoutRequest(current.offline),
    events: appendEvent(current.events, {
      at: now,
      action: 'activate_offline',
      outcome: 'ok',
      httpStatus: null,
      latencyMs: null,
      note: `license ${payload.licenseId}, ${payload.mode}${licenseKey ? `, ${redactLicenseKey(licenseKey)}` : ''}`,
    }),
  }));
}

function fail(context: ServiceContext, error: KeyholeError): never {
  context.record({ action: 'activate_offline', outcome: error.code, httpStatus: null, latencyMs: null, note: error.hint ?? null });
  throw error;
}

function licenseIdOf(context: ServiceContext, certificate: string): number | null {
  try {
    return decodeActivationCode(certificate, context.catalog).payload.licenseId;
  } catch {
    return null;
  }
}
