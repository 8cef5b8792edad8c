import { randomInt } from 'node:crypto';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { matchFingerprint, type CompactFingerprint } from '../../shared/license/fingerprint.ts';
import { encryptKey, hashSecret } from '../storage/key-crypto.ts';
import { NO_CUSTOMER, type PlanRecord, type StorageOperations, type TrialRecord } from '../storage/storage.ts';
import type { LicensingContext } from './context.ts';
import { keyGroupsOf } from './key-groups.ts';
import { expiryForOrder, formatInstant } from './license-rules.ts';
import { activationView, licenseView } from './license-views.ts';
import type { ActivationRequest } from './public-service.ts';

/*
 * The verified trial: one per machine per product (an authority serves one product). A trial is a
 * license of its own on the product config's trial plan, made with its activation in one
 * transaction and answered like an activation plus the new key, so the app re-validates and
 * converts it like any online license. A machine is one that had a trial when its Instance ID
 * did, or when its fingerprint matches that trial's under the app's own rule (more than half of
 * the components known on both sides), so reinstalling or resetting the Instance ID does not buy a
 * second trial. Trials are kept for good: ended, deactivated or converted, they still count.
 */

export type TrialRequest = Omit<ActivationRequest, 'licenseKey'>;

/** Starts the machine's trial or throws TRIAL_ALREADY_USED; NOT_FOUND when the product has no trial plan. */
export async function startTrial(ctx: LicensingContext, request: TrialRequest) {
  const planName = ctx.productConfig.trialPlan;
  if (planName === undefined) throw new KeyholeError('NOT_FOUND', 'this product offers no free trial');
  await ctx.keys.refresh();
  const now = ctx.clock.now();
  const key = generateLicenseKey();
  const { license, activation, certificate } = await ctx.storage.transaction(async (tx) => {
    const plan = await trialPlan(tx, planName);
    assertNoEarlierTrial(await tx.findTrialCandidates(request.instanceId, request.fingerprint), request);
    const license = await createTrialLicense(ctx, tx, plan, key, now);
    const activation = await tx.insertActivation({ licenseId: license.id, ...request, at: now });
    // Two first trials of one Instance ID at once: the database lets one in.
    const trial = await tx.insertTrial({ licenseId: license.id, instanceId: request.instanceId, fingerprint: request.fingerprint, createdAt: now });
    if (trial === 'instance-taken') throw trialUsed('this Instance ID has just started a trial');
    const issued = ctx.issuer.issue(license, activation, now);
    await tx.setCertificateDigest(activation.id, issued.digest);
    return { license, activation, certificate: issued.code };
  });
  return {
    license_key: key,
    license: licenseView(license, 1, now),
    activation: activationView(activation),
    certificate,
  };
}

/** The newest trial plan of that name: a vendor changes a trial by creating a new plan. */
async function trialPlan(tx: StorageOperations, name: string): Promise<PlanRecord> {
  const plan = (await tx.listPlans()).filter((candidate) => candidate.name === name && candidate.mode === 'trial').at(-1);
  if (!plan) throw new KeyholeError('NOT_FOUND', `the product's trial plan "${name}" does not exist: create it with keyhole plan create --mode trial --days N --name "${name}"`);
  return plan;
}

/** The rule, on the candidates storage found (same Instance ID, or a known component in common). */
export function earlierTrialOf(candidates: readonly TrialRecord[], machine: { instanceId: string; fingerprint: CompactFingerprint }): TrialRecord | undefined {
  return candidates.find((trial) => {
    if (trial.instanceId === machine.instanceId) return true;
    // A weak match (no component known on both sides) proves nothing about the machine.
    const match = matchFingerprint(trial.fingerprint, machine.fingerprint);
    return match.matches && !match.weak;
  });
}

function assertNoEarlierTrial(candidates: readonly TrialRecord[], machine: TrialRequest): void {
  const earlier = earlierTrialOf(candidates, machine);
  if (!earlier) return;
  const by = earlier.instanceId === machine.instanceId ? 'this Instance ID' : "this computer's hardware";
  throw trialUsed(`${by} started a trial on ${formatInstant(earlier.createdAt)}`, earlier.createdAt);
}

function trialUsed(hint: string, startedAt?: number): KeyholeError {
  return new KeyholeError('TRIAL_ALREADY_USED', hint, startedAt === undefined ? {} : { trial_started_at: new Date(startedAt).toISOString() });
}

async function createTrialLicense(ctx: LicensingContext, tx: StorageOperations, plan: PlanRecord, key: string, now: number) {
  const snapshot = { id: plan.id, name: plan.name, mode: plan.mode, plugins: plan.plugins, versions: plan.versions, releaseLimit: plan.releaseLimit };
  for (;;) {
    const license = await tx.createOrder(
      plan.id,
      {
        id: randomInt(1, 2 ** 32 - 1),
        keyHash: hashSecret(key),
        keyCiphertext: encryptKey(key, ctx.secret),
        expiresAt: expiryForOrder(plan.expiry, now),
        // A trial is one machine's: its key never leaves the app that started it.
        activationLimit: 1,
        plan: snapshot,
        createdAt: now,
      },
      { customer: NO_CUSTOMER, idempotencyKey: null, keyGroups: keyGroupsOf(key) },
    );
    if (license !== 'id-taken') return license;
  }
}
