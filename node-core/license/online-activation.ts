import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { redactLicenseKey } from '../../shared/format/license-key.ts';
import { toWireFingerprint } from '../../shared/license/fingerprint.ts';
import type { Answer, CallOptions } from '../authority/authority-client.ts';
import type { ActivateAnswer } from '../authority/wire.ts';
import { appendEvent } from '../store/license-state.ts';
import { withoutRequest } from './offline-request.ts';
import { toServerLicenseInfo } from './server-license.ts';
import { activationVerdict } from './server-verdict.ts';
import { answerFacts, asKeyholeError, callFacts, outcomeOf, type ServiceContext } from './service-context.ts';

/*
 * Online activation: the key was parsed before this point (a format error never reaches the
 * network). The certificate the authority returns is verified, and must name this installation,
 * BEFORE it replaces anything: a failed activation leaves an existing one exactly as it was.
 */

/** Activates `canonicalKey` for this machine and stores the verified certificate; throws KeyholeError. */
export async function activateOnline(context: ServiceContext, canonicalKey: string, call: CallOptions | undefined, action: 'activate' | 'change_key'): Promise<void> {
  const machine = await context.machine.get({ confirmed: true });
  const note = redactLicenseKey(canonicalKey);
  let answer;
  try {
    answer = await context.authority.activate(
      {
        license_key: canonicalKey,
        instance_id: machine.instanceId,
        ...(context.instanceName ? { instance_name: context.instanceName } : {}),
        fingerprint: toWireFingerprint(machine.fingerprint.compact),
        metadata: { app_version: context.appVersion, ...(context.os ? { os: context.os } : {}) },
      },
      call,
    );
  } catch (thrown) {
    const error = asKeyholeError(thrown);
    recordRefusal(context, canonicalKey, error, action, note);
    throw error;
  }

  await storeActivation(context, answer, { licenseKey: canonicalKey, instanceId: machine.instanceId, action, note });
}

/**
 * Verifies the certificate an authority answered with (activate or trial) and, only when it holds
 * and names this installation, stores it with its key; throws LICENSE_INVALID otherwise, changing nothing.
 */
export async function storeActivation(
  context: ServiceContext,
  answer: Answer<ActivateAnswer>,
  { licenseKey, instanceId, action, note }: { licenseKey: string; instanceId: string; action: string; note: string },
): Promise<void> {
  const facts = answerFacts(answer);
  const verified = await context.verify(answer.body.certificate);
  const rejection =
    'error' in verified
      ? `the certificate from the license server did not verify: ${verified.error.hint ?? verified.error.message}`
      : verified.payload.instanceId !== instanceId
        ? `the license server issued the certificate for Instance ID ${verified.payload.instanceId}, not for this installation (${instanceId})`
        : null;
  if (rejection !== null || 'error' in verified) {
    const error = new KeyholeError('LICENSE_INVALID', rejection ?? undefined, { httpStatus: answer.httpStatus });
    context.record({ action, outcome: 'LICENSE_INVALID', ...facts, note: `${note}: ${rejection}` });
    throw error;
  }

  const now = context.clock.now();
  const payload = verified.payload;
  context.store.update((state) => ({
    ...state,
    activation: { certificate: answer.body.certificate, licenseKey, mode: payload.mode, activatedAt: now },
    lastValidation: { at: now, outcome: 'ok', httpStatus: answer.httpStatus },
    // A freshly signed certificate carries the authority's time: a mark a clock once ran ahead to comes down to it.
    highestTimeSeen: payload.issuedAt,
    serverLicense: toServerLicenseInfo(answer.body.license, now, payload.plugins),
    recovery: null,
    // Activated another way: a request code still waiting for its activation code is no longer the next step.
    offline: withoutRequest(state.offline),
    events: appendEvent(state.events, { at: now, action, outcome: 'ok', ...facts, note }),
  }));
}

/**
 * Records a refused activation. When the refused key is the one stored here, a definitive refusal
 * (server-verdict.ts) is also the latest server answer about the stored certificate, so features
 * turn off now instead of when its lease runs out; the certificate itself is kept (nothing lost).
 */
function recordRefusal(context: ServiceContext, canonicalKey: string, error: KeyholeError, action: string, note: string): void {
  const verdict = context.store.state.activation?.licenseKey === canonicalKey ? activationVerdict(error.code) : null;
  const facts = callFacts(error);
  const at = context.clock.now();
  context.store.update((state) => ({
    ...state,
    ...(verdict ? { lastValidation: { at, outcome: verdict, ...(facts.httpStatus === null ? {} : { httpStatus: facts.httpStatus }) } } : {}),
    events: appendEvent(state.events, { at, action, outcome: outcomeOf(error), ...facts, note: verdict && verdict !== error.code ? `${note}: recorded as ${verdict}` : note }),
  }));
}
