import { KeyholeError, type ErrorInfo } from '../errors/keyhole-error.ts';
import { evaluateLicense, type EvaluationInput, type LicenseEvaluation } from '../license/evaluate.ts';
import { compactFingerprint, type FingerprintHashes } from '../license/fingerprint.ts';
import { verifyActivationCode, type PublicKeySet } from '../license/signing.ts';
import type { SupportBundle } from './bundle.ts';

/*
 * The customer's evaluation, re-run from a bundle's inputs (its clock, fingerprint, certificate,
 * last server answer and store problem). `keyhole support reproduce` (server/support/) reports on
 * it and the app's replay mode (node-core/replay/) renders it: one function, so both always agree
 * with what the customer's app decided.
 */

/** The fields of a bundle the evaluation reads (a scenario builds them before sealing). */
export type BundleEvaluationInputs = Pick<SupportBundle, 'certificate' | 'instanceId' | 'fingerprint' | 'clock' | 'app' | 'authority' | 'store'>;

async function verifyStored(
  certificate: string | null,
  keySet: PublicKeySet,
  pluginCatalog: readonly string[],
): Promise<EvaluationInput['certificate']> {
  if (certificate === null) return null;
  try {
    return { payload: (await verifyActivationCode(certificate, keySet, pluginCatalog)).payload };
  } catch (error) {
    if (error instanceof KeyholeError) return { error: error.toInfo() };
    throw error;
  }
}

/**
 * Evaluates a bundle's license with the vendor's public keys and plugin catalog, as the app did.
 *
 * @example
 * (await evaluateBundle(bundle, keySet, pluginCatalog(product))).code // "LICENSE_MISMATCH"
 */
export async function evaluateBundle(
  bundle: BundleEvaluationInputs,
  keySet: PublicKeySet,
  pluginCatalog: readonly string[],
): Promise<LicenseEvaluation> {
  return evaluateLicense({
    certificate: await verifyStored(bundle.certificate, keySet, pluginCatalog),
    machine: {
      instanceId: bundle.instanceId,
      fingerprint: compactFingerprint(bundle.fingerprint.components as FingerprintHashes),
    },
    now: bundle.clock.now,
    highestTimeSeen: bundle.clock.highestTimeSeen,
    appVersion: bundle.app.version,
    lastServerAnswer: bundle.authority.lastAnswer,
    ...(bundle.store.problem ? { storeProblem: bundle.store.problem as ErrorInfo } : {}),
  });
}

/**
 * Whether a re-evaluation reached what the customer's screen showed.
 *
 * @example
 * sameAsSeen(status, bundle.seen) // true
 */
export function sameAsSeen(status: LicenseEvaluation, seen: SupportBundle['seen']): boolean {
  return status.state === seen.state && status.code === seen.code;
}
