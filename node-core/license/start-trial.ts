import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { parseLicenseKey, redactLicenseKey } from '../../shared/format/license-key.ts';
import { toWireFingerprint } from '../../shared/license/fingerprint.ts';
import type { CallOptions } from '../authority/authority-client.ts';
import { storeActivation } from './online-activation.ts';
import { asKeyholeError, callFacts, outcomeOf, type ServiceContext } from './service-context.ts';

/*
 * "Start free trial": the authority makes a license on the product's trial plan for this machine
 * and answers like an activation, plus that license's key, which is stored like a typed one: the
 * trial then re-validates, deactivates and converts (a bought key replaces it) on the paths every
 * online license takes. A trial is only granted online, so an unreachable authority is said in
 * trial words (TRIAL_NEEDS_INTERNET).
 */

/** Starts the trial and stores its verified certificate; throws KeyholeError, changing nothing on failure. */
export async function startTrial(context: ServiceContext, call?: CallOptions): Promise<void> {
  if (context.product.trialPlan === undefined) throw new KeyholeError('NOT_FOUND', 'this product offers no free trial');
  // A trial would replace the stored activation; the key screen offers it only when there is none.
  if (context.store.state.activation) throw new KeyholeError('REQUEST_INVALID', 'a license is already activated on this installation');
  const machine = await context.machine.get({ confirmed: true });
  let answer;
  try {
    answer = await context.authority.trial(
      {
        instance_id: machine.instanceId,
        ...(context.instanceName ? { instance_name: context.instanceName } : {}),
        fingerprint: toWireFingerprint(machine.fingerprint.compact),
        metadata: context.os ? { os: context.os } : {},
        app_version: context.appVersion,
      },
      call,
    );
  } catch (thrown) {
    const error = asKeyholeError(thrown);
    context.record({ action: 'start_trial', outcome: outcomeOf(error), ...callFacts(error), note: error.hint ?? null });
    if (error.code === 'SERVER_UNREACHABLE' && error.details?.cancelled !== true) {
      throw new KeyholeError('TRIAL_NEEDS_INTERNET', error.hint, error.details);
    }
    throw error;
  }
  let licenseKey: string;
  try {
    licenseKey = parseLicenseKey(answer.body.license_key);
  } catch {
    throw new KeyholeError('SERVER_ERROR', 'the license server answered the trial with a malformed license key', { httpStatus: answer.httpStatus });
  }
  await storeActivation(context, answer, { licenseKey, instanceId: machine.instanceId, action: 'start_trial', note: redactLicenseKey(licenseKey) });
}
