import { CATALOG } from '../../shared/errors/catalog.ts';
import { KeyholeError, type ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import { evaluateLicense, type LicenseStatus } from '../../shared/license/evaluate.ts';
import { compactFingerprint, type FingerprintHashes } from '../../shared/license/fingerprint.ts';
import { verifyActivationCode, type PublicKeySet } from '../../shared/license/signing.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';

/*
 * `keyhole support reproduce`: re-runs the app's own evaluation on the inputs a bundle recorded
 * (its clock, its fingerprint, its certificate, its last server answer), so support sees the same
 * code, title and explanation the customer saw, plus which check failed and why.
 */

export interface Reproduction {
  readonly status: LicenseStatus;
  /** What the customer's screen showed, as the bundle recorded it. */
  readonly seen: SupportBundle['seen'];
  /** True when the re-run reaches the same state and code the customer saw. */
  readonly sameAsCustomer: boolean;
  readonly title: string;
  readonly explanation: string;
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

/**
 * The human report: the customer's screen, then support's view of why.
 *
 * @example
 * formatReproduction(r) // "Customer saw: License key mismatch (LICENSE_MISMATCH) …"
 */
export function formatReproduction(r: Reproduction): string {
  const code = r.status.code ?? 'ACTIVE';
  const lines = [
    `Customer saw:  ${r.seen.code ?? 'ACTIVE'} (${r.seen.state})`,
    `Reproduced:    ${r.title} (${code}, state ${r.status.state})${r.sameAsCustomer ? '' : '  <- DIFFERS from what the customer saw'}`,
    '',
    r.explanation,
    '',
    `Failed check:  ${r.status.check ?? 'none'}`,
    `Why:           ${r.status.failedCheck ?? 'every check passed'}`,
  ];
  if (r.status.fingerprint?.weak) lines.push('Note:          weak fingerprint: no machine component was readable, the Instance ID alone decided');
  return lines.join('\n');
}
