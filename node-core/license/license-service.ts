import { isLeasedMode } from '../../shared/license/certificate.ts';
import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import { parseLicenseKey, redactLicenseKey } from '../../shared/format/license-key.ts';
import { evaluateLicense } from '../../shared/license/evaluate.ts';
import type { CallOptions } from '../authority/authority-client.ts';
import { storeProblem } from '../store/open-license-store.ts';
import type { LicenseEvent } from '../store/license-state.ts';
import { activateWithCode } from './offline-activation.ts';
import { deactivateWithCode, dismissDeactivationCode, pendingDeactivation, type OfflineDeactivation } from './offline-deactivation.ts';
import { createRequestCode, discardRequest, pendingRequest, type OfflineRequest } from './offline-request.ts';
import { startTrial } from './start-trial.ts';
import { activateOnline } from './online-activation.ts';
import { deactivateOnline, validateOnline, type ValidationResult } from './online-validation.ts';
import { answerFacts, asKeyholeError, callFacts, createServiceContext, outcomeOf, type LicenseServiceDeps, type ServiceContext } from './service-context.ts';
import { buildSnapshot, type LicenseSnapshot } from './snapshot.ts';

/*
 * The license orchestration the IPC handlers call, free of Electron and of any UI. getStatus reads
 * the store, knows this machine, verifies the stored certificate and evaluates it
 * (shared/license/evaluate.ts); the online actions live in online-activation.ts and
 * online-validation.ts. Failures are thrown as KeyholeError (the IPC door turns them into a Result);
 * every action is recorded in the store's event log.
 */

export type { LicenseServiceDeps } from './service-context.ts';
export type { OfflineDeactivation } from './offline-deactivation.ts';
export type { OfflineRequest } from './offline-request.ts';

export interface ValidationOutcome extends ValidationResult {
  readonly snapshot: LicenseSnapshot;
}

export interface LicenseService {
  /** Reads the store, fingerprints this machine, verifies and evaluates. Never calls the server. */
  getStatus(): Promise<LicenseSnapshot>;
  /** Activates this machine with a license key (any presentation); throws KeyholeError. */
  activateOnline(licenseKey: string, options?: CallOptions): Promise<LicenseSnapshot>;
  /** Re-validates with the authority; server problems are recorded and returned, not thrown. */
  validateNow(options?: CallOptions): Promise<ValidationOutcome>;
  /** Frees this machine's slot, then clears the local activation; throws (changing nothing) when that fails. */
  deactivate(options?: CallOptions): Promise<LicenseSnapshot>;
  /** Activates another key; the old activation stays until the new one is verified and stored. */
  changeKey(licenseKey: string, options?: CallOptions): Promise<LicenseSnapshot>;
  /** What the Activate button means: changeKey when an activation is stored, else activateOnline. */
  activateOrChangeKey(licenseKey: string, options?: CallOptions): Promise<LicenseSnapshot>;
  /** Starts this machine's free trial (no key) and stores it; throws KeyholeError, changing nothing. */
  startTrial(options?: CallOptions): Promise<LicenseSnapshot>;
  /** The event log (last 50 license events), oldest first. */
  events(): readonly LicenseEvent[];
  /** Offline step 1: the request code for this machine and key, the manual page, a QR code (SVG), the support contact. No network. */
  createRequestCode(licenseKey: string): Promise<OfflineRequest>;
  /**
   * The request code made on this machine that still waits for its activation code, or null. It
   * encodes the license key, so it is its own call and never part of the snapshot every window gets.
   */
  offlineRequest(): Promise<OfflineRequest | null>;
  /** "Start over": forgets the request code waiting for its activation code (see {@link LicenseService.offlineRequest}). */
  discardRequestCode(): void;
  /** Offline step 3: verifies a pasted activation code for this machine and stores it; throws KeyholeError, changing nothing. */
  activateOffline(activationCode: string): Promise<LicenseSnapshot>;
  /** Removes the activation here and returns the deactivation code that frees its slot on the authority. No network. */
  deactivateOffline(): Promise<OfflineDeactivation>;
  /** The last offline deactivation code (to show and copy again), until dismissed. */
  pendingDeactivation(): OfflineDeactivation | null;
  dismissDeactivationCode(): void;
}

async function evaluateNow(context: ServiceContext): Promise<LicenseSnapshot> {
  const machine = await context.machine.get();
  const now = context.clock.now();
  const state = context.store.state;
  const problem: ErrorInfo | null = storeProblem(state);
  const status = evaluateLicense({
    certificate: state.activation ? await context.verify(state.activation.certificate) : null,
    machine: { instanceId: machine.instanceId, fingerprint: machine.fingerprint.compact },
    now,
    highestTimeSeen: state.highestTimeSeen,
    appVersion: context.appVersion,
    lastServerAnswer: state.lastValidation,
    ...(problem ? { storeProblem: problem } : {}),
  });
  context.store.observeTime(now);
  return buildSnapshot(status, machine, context.store, now, context.product.revalidateEveryHours);
}

/** Waits until what an action changed is on disk: a process's first writes wait for the store's writer to load. */
async function onDisk(context: ServiceContext): Promise<void> {
  await context.store.flushed().catch((error: unknown) => {
    throw asKeyholeError(error);
  });
}

/** The evaluation after an action, once the action is on disk: a confirmation never comes before its write. */
async function settledNow(context: ServiceContext): Promise<LicenseSnapshot> {
  await onDisk(context);
  return evaluateNow(context);
}

/** Best effort after a key change: free the old key's slot on this machine, with its certificate as proof (recorded either way). */
async function releaseOldKey(context: ServiceContext, old: { licenseKey: string; certificate: string }, call?: CallOptions): Promise<void> {
  const { instanceId } = await context.machine.get({ confirmed: true });
  const note = redactLicenseKey(old.licenseKey);
  try {
    const answer = await context.authority.deactivate({ license_key: old.licenseKey, instance_id: instanceId, certificate: old.certificate }, call);
    context.record({ action: 'release_old_key', outcome: 'ok', ...answerFacts(answer), note });
  } catch (thrown) {
    const error = asKeyholeError(thrown);
    context.record({ action: 'release_old_key', outcome: outcomeOf(error), ...callFacts(error), note: `${note}: the old slot was not freed` });
  }
}

/** Parses what the user entered; a format error is logged (without the input) and never reaches the network. */
function parseKey(context: ServiceContext, input: string, action: string): string {
  try {
    return parseLicenseKey(input);
  } catch (thrown) {
    const error = asKeyholeError(thrown);
    context.record({ action, outcome: error.code, httpStatus: null, latencyMs: null, note: error.hint ?? null });
    throw error;
  }
}

export function createLicenseService(deps: LicenseServiceDeps): LicenseService {
  const context = createServiceContext(deps);
  const service: LicenseService = {
    getStatus: () => evaluateNow(context),
    async activateOnline(licenseKey, options) {
      await activateOnline(context, parseKey(context, licenseKey, 'activate'), options, 'activate');
      return settledNow(context);
    },
    async validateNow(options) {
      // Air-gapped and offline certificates never call out: nothing to re-validate.
      const mode = context.store.state.activation?.mode;
      if (mode !== undefined && !isLeasedMode(mode)) return { outcome: 'skipped', error: null, snapshot: await evaluateNow(context) };
      const result = await validateOnline(context, options);
      return { ...result, snapshot: await settledNow(context) };
    },
    async deactivate(options) {
      await deactivateOnline(context, options);
      return settledNow(context);
    },
    async changeKey(licenseKey, options) {
      const canonical = parseKey(context, licenseKey, 'change_key');
      const previous = context.store.state.activation;
      await activateOnline(context, canonical, options, 'change_key');
      if (previous?.licenseKey && previous.licenseKey !== canonical) {
        await releaseOldKey(context, { licenseKey: previous.licenseKey, certificate: previous.certificate }, options);
      }
      return settledNow(context);
    },
    activateOrChangeKey: (licenseKey, options) =>
      context.store.state.activation ? service.changeKey(licenseKey, options) : service.activateOnline(licenseKey, options),
    async startTrial(options) {
      await startTrial(context, options);
      return settledNow(context);
    },
    events: () => deps.store.state.events,
    async createRequestCode(licenseKey) {
      // The request (and the key it was made for) is kept for the activation code to come.
      const request = await createRequestCode(context, licenseKey);
      await onDisk(context);
      return request;
    },
    offlineRequest: async () => pendingRequest(context, (await context.machine.get()).instanceId),
    discardRequestCode: () => discardRequest(context),
    async activateOffline(activationCode) {
      await activateWithCode(context, activationCode);
      return settledNow(context);
    },
    async deactivateOffline() {
      const deactivation = await deactivateWithCode(context);
      await onDisk(context);
      return deactivation;
    },
    pendingDeactivation: () => pendingDeactivation(context),
    dismissDeactivationCode: () => dismissDeactivationCode(context),
  };
  return service;
}
