import { CATALOG } from '../../shared/errors/catalog.ts';
import { KeyholeError, type ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import { evaluateLicense, type LicenseStatus } from '../../shared/license/evaluate.ts';
import { compactFingerprint, type FingerprintHashes } from '../../shared/license/fingerprint.ts';
import { verifyActivationCode, type PublicKeySet } from '../../shared/license/signing.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';

/*
 * `keyhole support reproduce`: re-runs the app's own evaluation on the inputs a bundle recorded
 * (its clock, its fingerprint, its certificate, its last server answer), so support sees the same
 * code, title and explanation the customer saw, plus which check failed and why. Formatting lives
 * in format-reproduction.ts.
 */

export interface Reproduction {
  readonly status: LicenseStatus;
  /** What the customer's screen showed, as the bundle recorded it. */
  readonly seen: SupportBundle['seen'];
  /** True when the re-run reaches the same state and code the customer saw. */
  readonly sameAsCustomer: boolean;
  readonly title: string;
  readonly explanation: string;
  /** The failed action the customer's error panel showed, if the bundle was saved from one. */
  readonly actionError: SupportBundle['actionError'] | null;
  /** The inputs support reads next to the verdict. */
  readonly inputs: {
    readonly productId: string;
    readonly instanceId: string;
    readonly appVersion: string;
    readonly clock: SupportBundle['clock'];
    readonly authority: SupportBundle['authority'];
    readonly weakFingerprint: boolean;
    /** The last five license events, oldest first. */
    readonly recentEvents: SupportBundle['events'];
  };
}

/**
 * Reproduces a checked bundle with the vendor's public keys and plugin catalog.
 *
 * @example
 * const r = await reproduceBundle(bundle, keySet, catalog); r.status.code // "LICENSE_MISMATCH"
 */
export async function reproduceBundle(
  bundle: SupportBundle,
  keySet: PublicKeySet,
  pluginCatalog: readonly string[],
): Promise<Reproduction> {
  const status = evaluateLicense({
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
  const entry = status.code ? CATALOG[status.code] : undefined;
  return {
    status,
    seen: bundle.seen,
    sameAsCustomer: status.state === bundle.seen.state && status.code === bundle.seen.code,
    title: entry?.title ?? 'Active',
    explanation: entry?.explanation ?? 'The license is active on this machine.',
    actionError: bundle.actionError ?? null,
    inputs: {
      productId: bundle.productId,
      instanceId: bundle.instanceId,
      appVersion: bundle.app.version,
      clock: bundle.clock,
      authority: bundle.authority,
      weakFingerprint: bundle.fingerprint.weak,
      recentEvents: bundle.events.slice(-5),
    },
  };
}

async function verifyStored(
  certificate: string | null,
  keySet: PublicKeySet,
  pluginCatalog: readonly string[],
): Promise<Parameters<typeof evaluateLicense>[0]['certificate']> {
  if (certificate === null) return null;
  try {
    return { payload: (await verifyActivationCode(certificate, keySet, pluginCatalog)).payload };
  } catch (error) {
    if (error instanceof KeyholeError) return { error: error.toInfo() };
    throw error;
  }
}

export { formatReproduction, reproductionJson } from './format-reproduction.ts';
