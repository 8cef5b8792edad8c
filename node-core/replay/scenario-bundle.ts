import { createHash } from 'node:crypto';
import type { ErrorCode } from '../../shared/errors/catalog.ts';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { instanceIdFromDigest } from '../../shared/format/instance-id.ts';
import { generateLicenseKey, redactLicenseKey } from '../../shared/format/license-key.ts';
import { toCertificateHour, type CertificatePayload } from '../../shared/license/certificate.ts';
import type { ServerAnswer } from '../../shared/license/evaluate.ts';
import { compactFingerprint, FINGERPRINT_COMPONENTS, type FingerprintHashes } from '../../shared/license/fingerprint.ts';
import { pluginCatalog, type ProductConfig } from '../../shared/product/config.ts';
import { BUNDLE_FORMAT_VERSION, sealBundle, type SupportBundle, type UnsealedBundle } from '../../shared/support/bundle.ts';
import { evaluateBundle } from '../../shared/support/evaluate-bundle.ts';
import { formatLogLine } from '../logging/logger.ts';
import { createTestSigner } from './scenario-signer.ts';
import { SCENARIOS, type ScenarioSpec } from './scenarios.ts';

/*
 * Generated data for one scenario (see scenarios.ts): a throwaway Ed25519 vendor key and the product
 * config that trusts it, a made-up machine (salted-hash-shaped fingerprint, Instance ID), a clock
 * and the license server's last answer, assembled into a sealed bundle whose `seen` is what the
 * evaluation decides. Nothing here is a customer's data; deterministic except for the key.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The default scenario time, so screenshots and training material stay the same run after run. */
export const SCENARIO_NOW = Date.UTC(2026, 2, 2, 9, 30);

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

function machine(name: string): { instanceId: string; hashes: FingerprintHashes } {
  const hashes = Object.fromEntries(FINGERPRINT_COMPONENTS.map((c) => [c, hex(`scenario:${name}:${c}`)])) as FingerprintHashes;
  return { instanceId: instanceIdFromDigest(createHash('sha256').update(`scenario:${name}:instance`).digest()), hashes };
}

/** What the stored license and the clock look like for a spec. */
interface Stored {
  readonly payload: Partial<CertificatePayload> & { readonly issuedAt: number };
  readonly answer: ServerAnswer | null;
  readonly highestTimeSeen?: number;
  readonly appVersion?: string;
  /** Signed by a key the product does not trust. */
  readonly foreign?: boolean;
  /** The certificate names another machine (the store was copied). */
  readonly copied?: boolean;
}

function storedFor(spec: ScenarioSpec, now: number): Stored | null {
  const ok = (at: number): ServerAnswer => ({ at, outcome: 'ok', httpStatus: 200 });
  const recent = { issuedAt: now - 2 * HOUR };
  switch (spec.stored) {
    case 'none':
    case 'unreadable':
      return null;
    case 'active':
      return { payload: recent, answer: ok(now - 2 * HOUR) };
    case 'expired':
      return { payload: { issuedAt: now - 40 * DAY, expiresAt: toCertificateHour(now - 33 * DAY) }, answer: ok(now - 40 * DAY) };
    case 'trial_ended':
      return {
        payload: { issuedAt: now - 15 * DAY, expiresAt: toCertificateHour(now - DAY), mode: 'trial', plan: { id: 6, name: 'Studio Trial' } },
        answer: ok(now - 15 * DAY),
      };
    case 'mismatch':
      return { payload: { issuedAt: now - 20 * DAY }, answer: ok(now - 20 * DAY), copied: true };
    case 'foreign_signature':
      return { payload: recent, answer: ok(now - 2 * HOUR), foreign: true };
    case 'server_verdict':
      return { payload: { issuedAt: now - 3 * DAY }, answer: { at: now - HOUR, outcome: spec.verdict ?? 'ACTIVATION_REVOKED', httpStatus: 200 } };
    case 'grace':
      return { payload: { issuedAt: now - 2 * DAY }, answer: { at: now - HOUR, outcome: 'unreachable' } };
    case 'lease_expired':
      return { payload: { issuedAt: now - 9 * DAY }, answer: { at: now - HOUR, outcome: 'unreachable' } };
    case 'clock_rollback':
      // The clock was set back three days after the app had seen the real date.
      return { payload: { issuedAt: now - 2 * DAY }, answer: ok(now + 3 * DAY - HOUR), highestTimeSeen: now + 3 * DAY };
    case 'version_not_covered':
      return { payload: { ...recent, versions: { min: 1, max: 1 } }, answer: ok(now - 2 * HOUR), appVersion: '2.0.0' };
  }
}

function events(stored: Stored | null, spec: ScenarioSpec, code: ErrorCode, now: number): SupportBundle['events'] {
  const list: SupportBundle['events'][number][] = [];
  if (stored) list.push({ at: stored.payload.issuedAt, action: 'activate', outcome: 'ok', httpStatus: 200, latencyMs: 212 });
  if (stored?.answer && stored.answer.at !== stored.payload.issuedAt) {
    const { at, outcome, httpStatus } = stored.answer;
    list.push({ at, action: 'validate', outcome, ...(httpStatus === undefined ? {} : { httpStatus }), latencyMs: outcome === 'unreachable' ? 10_000 : 187 });
  }
  if (spec.stored === 'unreadable') list.push({ at: now - 1000, action: 'store_unreadable', outcome: code, note: 'license.json.unreadable-20260302T0930' });
  if (spec.action) {
    const { name, httpStatus, hint } = spec.action;
    list.push({ at: now - 5000, action: name, outcome: code, ...(httpStatus === undefined ? {} : { httpStatus, latencyMs: 240 }), note: hint });
  }
  return list;
}

/**
 * The sealed bundle for one catalog code, and the product config (with the throwaway key) to
 * replay it with.
 *
 * @example
 * const { bundle, product } = await scenarioBundle('LICENSE_EXPIRED', demoProduct());
 */
export async function scenarioBundle(code: ErrorCode, baseProduct: ProductConfig, now = SCENARIO_NOW): Promise<{ bundle: SupportBundle; product: ProductConfig }> {
  const spec = SCENARIOS[code];
  const signer = createTestSigner(1, baseProduct);
  const stored = storedFor(spec, now);
  const here = machine('training-pc');
  const certified = stored?.copied ? machine('original-pc') : here;
  let certificate: string | null = null;
  if (stored) {
    const payload = signer.payload(certified.instanceId, compactFingerprint(certified.hashes), stored.payload.issuedAt, stored.payload);
    certificate = (stored.foreign ? createTestSigner(9, baseProduct) : signer).sign(payload);
  }
  const answer = stored?.answer ?? null;
  const appVersion = stored?.appVersion ?? '1.2.0';
  const keptAside = 'license.json.unreadable-20260302T0930';
  const problem = spec.stored === 'unreadable'
    ? new KeyholeError('STORE_UNREADABLE', 'the file failed its integrity check: it was damaged, truncated or edited, or encrypted with another key', { keptAside: [keptAside] }).toInfo()
    : null;
  const key = generateLicenseKey((n) => Uint8Array.from(createHash('sha256').update(`scenario:key:${code}`).digest().subarray(0, n)));
  const actionError = spec.action
    ? { action: spec.action.name, error: new KeyholeError(code, spec.action.hint).toInfo() }
    : undefined;
  const unsealed: Omit<UnsealedBundle, 'seen'> = {
    bundleFormatVersion: BUNDLE_FORMAT_VERSION,
    createdAt: now,
    app: { version: appVersion, os: 'Linux 6.1.0-18-amd64 (#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1)', platform: 'linux', arch: 'x64' },
    productId: signer.product.productId,
    instanceId: here.instanceId,
    fingerprint: { components: here.hashes, weak: false },
    certificate,
    licenseKeyRedacted: stored ? redactLicenseKey(key) : null,
    mode: stored ? (stored.payload.mode ?? 'online') : null,
    store: { backend: 'gnome_libsecret', weakProtection: false, problem },
    clock: { now, highestTimeSeen: stored?.highestTimeSeen ?? now },
    authority: { url: signer.product.authorityUrl, answered: answer ? answer.outcome !== 'unreachable' : null, lastAnswer: answer },
    ...(actionError ? { actionError } : {}),
    events: events(stored, spec, code, now),
    logTail: [
      formatLogLine(now - 60_000, 'info', 'core.opened', { appVersion, backend: 'gnome_libsecret', weak: false }),
      ...(actionError ? [formatLogLine(now - 5000, 'warn', 'license.event', { action: actionError.action, outcome: code, code, detail: spec.action?.hint ?? null })] : []),
    ],
  };
  const status = await evaluateBundle(unsealed, signer.keySet, pluginCatalog(signer.product));
  const seen = { state: status.state, code: status.code, failedCheck: status.failedCheck ?? 'every check passed' };
  return { bundle: await sealBundle({ ...unsealed, seen }), product: signer.product };
}
