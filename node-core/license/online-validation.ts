import { isErrorCode } from '../../shared/errors/catalog.ts';
import { KeyholeError, type ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import type { ServerAnswer } from '../../shared/license/evaluate.ts';
import type { CallOptions } from '../authority/authority-client.ts';
import { appendEvent } from '../store/license-state.ts';
import { toServerLicenseInfo } from './server-license.ts';
import { validationOutcome } from './server-verdict.ts';
import { answerFacts, asKeyholeError, callFacts, outcomeOf, type CallFacts, type ServiceContext } from './service-context.ts';

/*
 * Re-validation and deactivation against the authority. Re-validation never throws for a server
 * problem: an unreachable server is recorded as 'unreachable' and the certificate is kept, which
 * evaluate turns into the grace period; a verdict (revoked, deactivated, …) is recorded and shown.
 */

export interface ValidationResult {
  /** 'skipped': an offline activation has no key to re-validate with. */
  readonly outcome: ServerAnswer['outcome'] | 'skipped';
  readonly error: ErrorInfo | null;
}

/** Server answers that mean this device no longer holds a slot: deactivating locally is then safe. */
const SLOT_ALREADY_GONE = new Set(['ACTIVATION_REVOKED', 'LICENSE_INVALID', 'LICENSE_DEACTIVATED', 'NOT_FOUND', 'NOT_ACTIVATED']);

function requireActivation(context: ServiceContext) {
  const activation = context.store.state.activation;
  if (!activation) throw new KeyholeError('NOT_ACTIVATED');
  return activation;
}

export async function validateOnline(context: ServiceContext, call?: CallOptions): Promise<ValidationResult> {
  const activation = requireActivation(context);
  if (!activation.licenseKey) return { outcome: 'skipped', error: null };
  const machine = await context.machine.get({ confirmed: true });
  let answer;
  try {
    answer = await context.authority.validate({ license_key: activation.licenseKey, instance_id: machine.instanceId }, call);
  } catch (thrown) {
    const caught = asKeyholeError(thrown);
    const error = caught.code === validationOutcome(caught.code) ? caught : new KeyholeError(validationOutcome(caught.code), caught.hint, caught.details);
    const outcome = outcomeOf(error);
    const facts = callFacts(error);
    const at = context.clock.now();
    const cancelled = error.details?.cancelled === true;
    context.store.update((state) => ({
      ...state,
      // A cancelled check says nothing about the server; anything else is the latest answer.
      lastValidation: cancelled ? state.lastValidation : { at, outcome, ...(facts.httpStatus === null ? {} : { httpStatus: facts.httpStatus }) },
      events: appendEvent(state.events, { at, action: 'validate', outcome, ...facts, note: cancelled ? 'cancelled' : (error.hint ?? null) }),
    }));
    return { outcome, error: error.toInfo() };
  }

  const { body, httpStatus } = answer;
  let outcome: ServerAnswer['outcome'] = body.valid ? 'ok' : validationOutcome(isErrorCode(body.code) ? body.code : 'LICENSE_INVALID');
  let certificate = activation.certificate;
  let trustedTime: number | null = null;
  let note: string | null = null;
  if (body.valid && body.certificate) {
    const verified = await context.verify(body.certificate);
    if ('payload' in verified && verified.payload.instanceId === machine.instanceId) {
      certificate = body.certificate;
      trustedTime = verified.payload.issuedAt;
    } else {
      // Keep the previous certificate; without a good refresh the lease runs down into grace.
      outcome = 'SERVER_ERROR';
      note = 'the refreshed certificate did not verify; the previous one was kept';
    }
  }
  const at = context.clock.now();
  context.store.update((state) => ({
    ...state,
    activation: state.activation && { ...state.activation, certificate },
    highestTimeSeen: trustedTime ?? state.highestTimeSeen,
    lastValidation: { at, outcome, httpStatus },
    serverLicense: toServerLicenseInfo(body.license, at, state.serverLicense?.plugins ?? [], state.serverLicense?.licensee ?? null) ?? state.serverLicense,
    events: appendEvent(state.events, { at, action: 'validate', outcome, ...answerFacts(answer), note }),
  }));
  return { outcome, error: outcome === 'ok' ? null : new KeyholeError(outcome, note ?? undefined, { httpStatus }).toInfo() };
}

/** Frees this device's slot, then clears the local activation; throws (keeping everything) when that fails. */
export async function deactivateOnline(context: ServiceContext, call?: CallOptions): Promise<void> {
  const activation = requireActivation(context);
  if (!activation.licenseKey) {
    throw new KeyholeError('OFFLINE_ONLY_PLAN', 'this device was activated offline: deactivate it with an offline deactivation code');
  }
  const machine = await context.machine.get({ confirmed: true });
  let facts: CallFacts;
  let note: string | null = null;
  try {
    // The certificate proves this is the device that holds the slot (the authority requires it for
    // air-gapped and offline plans, whose machines never re-validate); harmless for online ones.
    const request = { license_key: activation.licenseKey, instance_id: machine.instanceId, certificate: activation.certificate };
    const answer = await context.authority.deactivate(request, call);
    facts = answerFacts(answer);
  } catch (thrown) {
    const error = asKeyholeError(thrown);
    facts = callFacts(error);
    if (!SLOT_ALREADY_GONE.has(error.code)) {
      context.record({ action: 'deactivate', outcome: outcomeOf(error), ...facts, note: 'nothing changed on this device' });
      throw new KeyholeError(error.code, keptHint(error), error.details);
    }
    note = `the server answered ${error.code}: the slot was already free; cleared on this device`;
  }
  const at = context.clock.now();
  context.store.update((state) => ({
    ...state,
    activation: null,
    lastValidation: null,
    serverLicense: null,
    events: appendEvent(state.events, { at, action: 'deactivate', outcome: 'ok', ...facts, note }),
  }));
}

/** The hint of a refused deactivation: the server's reason, the date it names, and that nothing changed. */
function keptHint(error: KeyholeError): string {
  const parts = error.hint ? [error.hint] : [];
  const next = error.details?.next_release_at;
  const day = typeof next === 'string' || typeof next === 'number' ? new Date(next) : null;
  if (day && !Number.isNaN(day.getTime())) {
    const date = day.toISOString().slice(0, 10);
    if (!parts.some((part) => part.includes(date))) parts.push(`the next slot can be freed on ${date}`);
  }
  parts.push('this device is still activated: nothing was changed');
  return parts.join('; ');
}
