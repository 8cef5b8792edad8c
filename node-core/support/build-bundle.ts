import { arch, platform, release, type, version } from 'node:os';
import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import { redactLicenseKey } from '../../shared/format/license-key.ts';
import type { LicenseEvaluation } from '../../shared/license/evaluate.ts';
import type { PublicKeySet } from '../../shared/license/signing.ts';
import { BUNDLE_FORMAT_VERSION, sealBundle, type SupportBundle } from '../../shared/support/bundle.ts';
import type { MachineProvider } from '../license/current-machine.ts';
import type { LicenseService } from '../license/license-service.ts';
import { toServerInfo } from '../license/server-info.ts';
import type { Logger } from '../logging/logger.ts';
import { scrubText } from '../logging/scrub.ts';
import { storeProblem } from '../store/open-license-store.ts';
import type { LicenseStore } from '../store/license-store.ts';
import type { LicenseEvent } from '../store/license-state.ts';

/*
 * Assembles the diagnostics bundle (shared/support/bundle.ts) from a running core: everything
 * `keyhole support reproduce` needs to re-run the customer's evaluation, and nothing secret. The
 * fingerprint goes in as the salted hashes the core computed (raw serials never leave
 * node-core/fingerprint), the key as its first and last group, log lines and notes scrubbed;
 * and before the bundle is handed out, it is checked once more for the stored full key.
 */

/** The parts of a core a bundle is read from (createLicenseCore passes its own). */
export interface BundleSources {
  readonly service: LicenseService;
  readonly store: LicenseStore;
  readonly machine: MachineProvider;
  readonly logger: Logger;
  readonly productId: string;
  readonly appVersion: string;
  readonly authorityUrl: string;
  /** The public keys the core verifies certificates with (recorded: support may lack them). */
  readonly keySet: PublicKeySet;
}

export interface BuildBundleOptions {
  /**
   * The evaluation the user is looking at. Default: the core evaluates now, with the same inputs
   * the bundle records, so the bundle reproduces exactly.
   */
  readonly seen?: LicenseEvaluation;
  /** The failed action an error panel shows (e.g. activate → ACTIVATION_LIMIT_REACHED). */
  readonly actionError?: { readonly action: string; readonly error: ErrorInfo };
  /** Log lines to include (default 100, at most 200). */
  readonly logLines?: number;
}

type BundleEvent = SupportBundle['events'][number];

function toBundleEvent(event: LicenseEvent): BundleEvent {
  return {
    at: event.at,
    action: event.action,
    outcome: event.outcome,
    ...(event.httpStatus === null ? {} : { httpStatus: event.httpStatus }),
    ...(event.latencyMs === null ? {} : { latencyMs: event.latencyMs }),
    ...(event.requestId === undefined ? {} : { requestId: event.requestId }),
    ...(event.note === null ? {} : { note: scrubText(event.note) }),
  };
}

function scrubError(error: ErrorInfo): ErrorInfo {
  return JSON.parse(scrubText(JSON.stringify(error))) as ErrorInfo;
}

/** Builds and seals the bundle; throws if the stored full key would end up in it. */
export async function buildSupportBundle(sources: BundleSources, options: BuildBundleOptions = {}): Promise<SupportBundle> {
  // The hardware as it is now, read before the evaluation so both describe the same machine: start-up
  // decides from the stored fingerprint, and a bundle must not pair that verdict with newer hardware.
  const machine = await sources.machine.get({ confirmed: true });
  const snapshot = await sources.service.getStatus();
  const state = sources.store.state;
  const seen = options.seen ?? snapshot.status;
  const activation = state.activation;
  const problem = storeProblem(state);
  const bundle = await sealBundle({
    bundleFormatVersion: BUNDLE_FORMAT_VERSION,
    createdAt: snapshot.now,
    app: { version: sources.appVersion, os: `${type()} ${release()} (${version()})`, platform: platform(), arch: arch() },
    productId: sources.productId,
    instanceId: machine.instanceId,
    fingerprint: { components: { ...machine.fingerprint.hashes }, weak: machine.fingerprint.weak },
    certificate: activation?.certificate ?? null,
    licenseKeyRedacted: activation?.licenseKey ? redactLicenseKey(activation.licenseKey) : null,
    mode: activation?.mode ?? null,
    trustedKeys: { productId: sources.keySet.productId, keys: sources.keySet.keys.map(({ id, publicKey }) => ({ id, publicKey })) },
    store: { backend: sources.store.keyProtection.backend, weakProtection: sources.store.keyProtection.weak, problem: problem && scrubError(problem) },
    // Read after the evaluation moved it forward: the same verdict (see the clock check in evaluate.ts).
    clock: { now: snapshot.now, highestTimeSeen: state.highestTimeSeen ?? snapshot.now },
    authority: {
      url: sources.authorityUrl,
      answered: state.lastValidation ? state.lastValidation.outcome !== 'unreachable' : null,
      lastAnswer: state.lastValidation,
    },
    seen: { state: seen.state, code: seen.code, failedCheck: seen.failedCheck ?? 'every check passed', server: toServerInfo(snapshot) },
    ...(options.actionError ? { actionError: { action: options.actionError.action, error: scrubError(options.actionError.error) } } : {}),
    events: state.events.map(toBundleEvent),
    logTail: sources.logger.readTail(Math.min(200, Math.max(0, options.logLines ?? 100))),
  });
  // An offline request keeps the key it was made for (the store's `offline.requestKey`); it must not leak either.
  const requestKey = (state as { offline?: { requestKey?: string | null } }).offline?.requestKey ?? null;
  for (const key of [activation?.licenseKey ?? null, requestKey]) assertNoFullKey(bundle, key);
  sources.logger.info('support.bundle_built', { instanceId: bundle.instanceId, code: seen.code, count: bundle.events.length });
  return bundle;
}

/** Defence in depth: the stored key, in any spelling, must not be anywhere in the bundle. */
function assertNoFullKey(bundle: SupportBundle, key: string | null): void {
  if (key === null) return;
  const text = JSON.stringify(bundle).toUpperCase();
  const compact = key.replace(/-/g, '');
  if (text.includes(key) || text.includes(compact) || text.includes(compact.slice(2))) {
    throw new Error('the support bundle would contain the full license key: refusing to build it');
  }
}
