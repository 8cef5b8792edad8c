import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { CATALOG } from '../../shared/errors/catalog.ts';
import type { CompactFingerprint } from '../../shared/license/fingerprint.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import type { ActivationRecord, LicenseRecord } from '../storage/storage.ts';
import type { LicensingContext } from './context.ts';
import { assertUsable, effectiveStatus } from './license-rules.ts';
import { activationView, licenseView } from './license-views.ts';
import { assertDeviceProof, assertReleaseAllowed } from './slot-release.ts';

/*
 * Activate, validate, deactivate: what the desktop app calls. Keys arrive canonical (the HTTP layer
 * parsed them). An unknown key and a regenerated-away key take the same path and give the same
 * LICENSE_INVALID: hash, one index probe, nothing that depends on which keys exist.
 *
 * Every check and write of one call runs in one BEGIN IMMEDIATE transaction, so two activations
 * racing for the last slot are serialized by SQLite and exactly one wins.
 */

export interface ActivationRequest {
  readonly licenseKey: string;
  readonly instanceId: string;
  readonly instanceName: string | null;
  readonly fingerprint: CompactFingerprint;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Online activation refuses offline-only plans; the admin's offline route does not. */
export type ActivationChannel = 'online' | 'offline';

const MINUTE = 60_000;

function licenseForKey(ctx: LicensingContext, licenseKey: string): LicenseRecord {
  const license = ctx.storage.findLicenseByKeyHash(hashSecret(licenseKey));
  if (!license) throw new KeyholeError('LICENSE_INVALID');
  return license;
}

export function activate(ctx: LicensingContext, request: ActivationRequest, channel: ActivationChannel = 'online') {
  const { storage } = ctx;
  const now = ctx.clock.now();
  // The certificate is signed inside the transaction so its digest is recorded with the activation
  // it belongs to: the recorded digest is always that of the last certificate handed out.
  const { license, activation, used, certificate } = storage.transaction(() => {
    const license = licenseForKey(ctx, request.licenseKey);
    assertUsable(license, now);
    if (channel === 'online' && license.plan.mode === 'offline') throw new KeyholeError('OFFLINE_ONLY_PLAN');
    const live = storage.findLiveActivation(license.id, request.instanceId);
    let activation;
    let used;
    if (live) {
      // Idempotent: the same instance keeps its slot and gets a fresh certificate.
      storage.refreshActivation(live.id, {
        at: now,
        fingerprint: request.fingerprint,
        metadata: request.metadata,
        ...(request.instanceName === null ? {} : { instanceName: request.instanceName }),
      });
      activation = storage.findActivation(live.id) ?? live;
      used = storage.countLiveActivations(license.id);
    } else {
      used = storage.countLiveActivations(license.id);
      if (license.activationLimit !== null && used >= license.activationLimit) {
        throw new KeyholeError('ACTIVATION_LIMIT_REACHED', `${used} of ${license.activationLimit} activations in use`, {
          used,
          limit: license.activationLimit,
        });
      }
      activation = storage.insertActivation({ licenseId: license.id, ...request, at: now });
      used += 1;
    }
    const certificate = issueAndRecord(ctx, license, activation, now);
    return { license, activation, used, certificate };
  });
  return {
    license: licenseView(license, used, now),
    activation: activationView(activation),
    certificate,
  };
}

/** Signs a certificate for the activation and records its digest; call inside a transaction. */
function issueAndRecord(ctx: LicensingContext, license: LicenseRecord, activation: ActivationRecord, now: number): string {
  const issued = ctx.issuer.issue(license, activation, now);
  if (issued.digest !== activation.certificateDigest) ctx.storage.setCertificateDigest(activation.id, issued.digest);
  return issued.code;
}

/**
 * Known keys always answer 200 with `valid` and a `code` ('VALID' or the catalog code that applies),
 * plus the license facts, so the app can show a new expiry or the deactivated state. A live instance
 * gets a fresh certificate (lease extended); its last-seen time is written at most once a minute so
 * a busy validator does not turn every read into a durable write.
 */
export function validate(ctx: LicensingContext, request: { licenseKey: string; instanceId: string | null }) {
  const { storage } = ctx;
  const now = ctx.clock.now();
  const license = licenseForKey(ctx, request.licenseKey);
  const view = () => licenseView(license, storage.countLiveActivations(license.id), now);
  const status = effectiveStatus(license, now);
  const invalid = (code: 'LICENSE_DEACTIVATED' | 'LICENSE_EXPIRED' | 'ACTIVATION_REVOKED' | 'NOT_ACTIVATED') => ({
    valid: false,
    code,
    message: CATALOG[code].title,
    license: view(),
  });
  if (status === 'deactivated') return invalid('LICENSE_DEACTIVATED');
  if (status === 'expired') return invalid('LICENSE_EXPIRED');
  if (request.instanceId === null) return { valid: true, code: 'VALID', license: view() };

  const live = storage.findLiveActivation(license.id, request.instanceId);
  if (!live) {
    const latest = storage.findLatestActivation(license.id, request.instanceId);
    return invalid(latest?.endReason === 'revoked' ? 'ACTIVATION_REVOKED' : 'NOT_ACTIVATED');
  }
  // Certificates are kept to the minute, so within one minute the same certificate is issued again
  // and nothing is written; a new one (its digest changes) or a stale last-seen time is one short write.
  const answer = (activation: ActivationRecord, certificate: string) => ({
    valid: true,
    code: 'VALID',
    license: view(),
    activation: activationView(activation),
    certificate,
  });
  const stale = now - live.lastSeenAt >= MINUTE;
  const issued = ctx.issuer.issue(license, live, now);
  if (!stale && issued.digest === live.certificateDigest) return answer(live, issued.code);
  const written = storage.transaction(() => {
    // Re-read under the write lock: a CLI process may have ended the activation meanwhile.
    const current = storage.findActivation(live.id);
    if (!current || current.endedAt !== null) return null;
    if (stale) storage.refreshActivation(current.id, { at: now });
    const refreshed = stale ? { ...current, lastSeenAt: now } : current;
    return { activation: refreshed, certificate: issueAndRecord(ctx, license, refreshed, now) };
  });
  if (!written) return invalid('NOT_ACTIVATED');
  return answer(written.activation, written.certificate);
}

export interface DeactivationRequest {
  readonly licenseKey: string;
  readonly instanceId: string;
  /** The activation code the device is removing; required for air-gapped and offline plans. */
  readonly certificate: string | null;
}

/**
 * Frees the instance's slot; the license stays valid for its other instances. Air-gapped and
 * offline slots need the device's certificate, and the plan's release limit applies (slot-release.ts).
 */
export function deactivate(ctx: LicensingContext, request: DeactivationRequest) {
  const { storage } = ctx;
  const now = ctx.clock.now();
  return storage.transaction(() => {
    const license = licenseForKey(ctx, request.licenseKey);
    const live = storage.findLiveActivation(license.id, request.instanceId);
    if (!live) throw new KeyholeError('NOT_ACTIVATED', 'this instance holds no activation of this license');
    assertDeviceProof(license, live, request.certificate);
    assertReleaseAllowed(storage, license, now);
    storage.endActivation(live.id, now, 'deactivated');
    return {
      deactivated: true,
      instance_id: request.instanceId,
      license: licenseView(license, storage.countLiveActivations(license.id), now),
    };
  });
}
