import { CATALOG } from '../../shared/errors/catalog.ts';
import type { PublicKeySet } from '../../shared/license/signing.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';
import type { Reproduction } from './reproduction.ts';
import { evaluateBundle, sameAsSeen } from '../../shared/support/evaluate-bundle.ts';

/*
 * `keyhole support reproduce`: re-runs the app's own evaluation on the inputs a bundle recorded
 * (its clock, its fingerprint, its certificate, its last server answer: shared/support/evaluate-bundle.ts,
 * which the app's replay mode uses too), so support sees the same code, title and explanation the
 * customer saw, plus which check failed and why. Formatting lives in format-reproduction.ts.
 */


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
  const status = await evaluateBundle(bundle, keySet, pluginCatalog);
  const entry = status.code ? CATALOG[status.code] : undefined;
  return {
    status,
    seen: bundle.seen,
    sameAsCustomer: sameAsSeen(status, bundle.seen),
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

