import { isLeasedMode } from '../../shared/license/certificate.ts';
import { countingRefusals } from './refusals.ts';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { CATALOG } from '../../shared/errors/catalog.ts';
import type { CompactFingerprint } from '../../shared/license/fingerprint.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import type { ActivationRecord, LicenseRecord, StorageOperations } from '../storage/storage.ts';
import type { LicensingContext } from './context.ts';
import { assertUsable, effectiveStatus } from './license-rules.ts';
import { activationView, licenseView } from './license-views.ts';
import { assertDeviceProof, assertReleaseAllowed } from './slot-release.ts';

/*
 * Activate, validate, deactivate: what the desktop app calls. Keys arrive canonical (the HTTP layer
 * parsed them). An unknown key and a regenerated-away key take the same path and give the same
 * LICENSE_INVALID: hash, one index probe, nothing that depends on which keys exist.
 *
 * Every check and write of one call runs in one transaction that first reads (and so locks) the
 * license, so two activations racing for the last slot — in one process or in several on one
 * PostgreSQL database — are serialized and exactly one wins.
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

/** The license a canonical key opens; LICENSE_INVALID for any key that opens none. */
export async function licenseForKey(storage: StorageOperations, licenseKey: string): Promise<LicenseRecord> {
  const license = await storage.findLicenseByKeyHash(hashSecret(licenseKey));
  if (!license) throw new KeyholeError('LICENSE_INVALID');
  return license;
}

export const activate = countingRefusals(activateOnce);

async function activateOnce(ctx: LicensingContext, request: ActivationRequest, channel: ActivationChannel = 'online') {
  await ctx.keys.refresh();
  const now = ctx.clock.now();
  // The certificate is signed inside the transaction so its digest is recorded with the activation
  // it belongs to: the recorded digest is always that of the last certificate handed out.
  const { license, activation, used, certificate } = await ctx.storage.transaction(async (tx) => {
    const license = await licenseForKey(tx, request.licenseKey);
    assertUsable(license, now);
    if (channel === 'online' && license.plan.mode === 'offline') throw new KeyholeError('OFFLINE_ONLY_PLAN');
    const live = await tx.findLiveActivation(license.id, request.instanceId);
    let activation;
    let used;
    if (live) {
      // Idempotent: the same instance keeps its slot and gets a fresh certificate.
      await tx.refreshActivation(live.id, {
        at: now,
        fingerprint: request.fingerprint,
        metadata: request.metadata,
        ...(request.instanceName === null ? {} : { instanceName: request.instanceName }),
      });
      activation = (await tx.findActivation(live.id)) ?? live;
      used = license.liveActivations;
    } else {
      // Read with (and locked by) the license row: the count is exact for this transaction.
      used = license.liveActivations;
      if (license.activationLimit !== null && used >= license.activationLimit) {
        throw new KeyholeError('ACTIVATION_LIMIT_REACHED', `${used} of ${license.activationLimit} activations in use`, {
          used,
          limit: license.activationLimit,
        });
      }
      activation = await tx.insertActivation({ licenseId: license.id, ...request, at: now });
      used += 1;
    }
    const certificate = await issueAndRecord(ctx, tx, license, activation, now);
    return { license, activation, used, certificate };
  });
  // Who the license was sold to, for the customer's own status view; read here only, as an
  // activation happens once per machine while validations (which do not carry it) happen all day.
  const order = await ctx.storage.findOrder(license.orderId);
  return {
    license: { ...licenseView(license, used, now), licensee: order?.order.customer.name ?? null },
    activation: activationView(activation),
    certificate,
  };
}

/** Signs a certificate for the activation and records its digest; call inside a transaction. */
async function issueAndRecord(ctx: LicensingContext, tx: StorageOperations, license: LicenseRecord, activation: ActivationRecord, now: number): Promise<string> {
  const issued = ctx.issuer.issue(license, activation, now);
  if (issued.digest !== activation.certificateDigest) await tx.setCertificateDigest(activation.id, issued.digest);
  return issued.code;
}

type Refusal = 'LICENSE_DEACTIVATED' | 'LICENSE_EXPIRED' | 'ACTIVATION_REVOKED' | 'NOT_ACTIVATED';

// Module functions, not closures made per validate: nothing to allocate (or name) per request.
function refusedAnswer(view: ReturnType<typeof licenseView>, code: Refusal) {
  return { valid: false, code, message: CATALOG[code].title, license: view };
}

function validAnswer(view: ReturnType<typeof licenseView>, activation: ActivationRecord, certificate: string) {
  return { valid: true, code: 'VALID', license: view, activation: activationView(activation), certificate };
}

/**
 * Known keys always answer 200 with `valid` and a `code` ('VALID' or the catalog code that applies),
 * plus the license facts, so the app can show a new expiry or the deactivated state. A live instance
 * gets a fresh certificate (lease extended).
 *
 * Online plans: the last-seen time and the new certificate's digest are noted in memory and written
 * in batches (storage/sightings.ts), so a validate reads and signs but never waits for a disk. Other
 * plans' devices free their slot with the certificate itself, so there the digest is written before
 * the answer.
 */
export const validate = countingRefusals(validateOnce);

async function validateOnce(ctx: LicensingContext, request: { licenseKey: string; instanceId: string | null }) {
  const { storage } = ctx;
  const now = ctx.clock.now();
  // With an instance, the license and its live activation come in one read (one round trip on PostgreSQL).
  const found =
    request.instanceId === null
      ? { license: await licenseForKey(storage, request.licenseKey), live: undefined }
      : await storage.findLicenseWithLiveActivation(hashSecret(request.licenseKey), request.instanceId);
  if (!found) throw new KeyholeError('LICENSE_INVALID');
  const { license, live } = found;
  const view = licenseView(license, license.liveActivations, now);
  const status = effectiveStatus(license, now);
  if (status === 'deactivated') return refusedAnswer(view, 'LICENSE_DEACTIVATED');
  if (status === 'expired') return refusedAnswer(view, 'LICENSE_EXPIRED');
  if (request.instanceId === null) return { valid: true, code: 'VALID', license: view };

  if (!live) {
    const latest = await storage.findLatestActivation(license.id, request.instanceId);
    return refusedAnswer(view, latest?.endReason === 'revoked' ? 'ACTIVATION_REVOKED' : 'NOT_ACTIVATED');
  }
  // Certificates are kept to the minute, so within one minute the same certificate is issued again
  // (and not signed again, see issue-certificate.ts) and there is nothing to note. A stale validate
  // (last seen a minute or more ago) is the production case: its certificate's issue time and lease
  // moved, so it costs the one signature of the floor, and noting the sighting is a map write (the
  // flush writes them all once a second, without an fsync on SQLite).
  const stale = now - live.lastSeenAt >= MINUTE;
  await ctx.keys.refresh();
  const issued = ctx.issuer.issue(license, live, now);
  if (!stale && issued.digest === live.certificateDigest) return validAnswer(view, live, issued.code);
  const seen = stale ? { ...live, lastSeenAt: now } : live;
  if (isLeasedMode(license.plan.mode)) {
    storage.noteSighting({ id: live.id, at: seen.lastSeenAt, certificateDigest: issued.digest });
    return validAnswer(view, seen, issued.code);
  }
  const written = await storage.transaction(async (tx) => {
    // Re-read under the license's lock: another process may have ended the activation meanwhile.
    await tx.findLicenseById(license.id);
    const current = await tx.findActivation(live.id);
    if (!current || current.endedAt !== null) return false;
    if (stale) await tx.refreshActivation(current.id, { at: now });
    await tx.setCertificateDigest(current.id, issued.digest);
    return true;
  });
  return written ? validAnswer(view, seen, issued.code) : refusedAnswer(view, 'NOT_ACTIVATED');
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
export const deactivate = countingRefusals(deactivateOnce);

function deactivateOnce(ctx: LicensingContext, request: DeactivationRequest) {
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (tx) => {
    const license = await licenseForKey(tx, request.licenseKey);
    const live = await tx.findLiveActivation(license.id, request.instanceId);
    if (!live) throw new KeyholeError('NOT_ACTIVATED', 'this instance holds no activation of this license');
    assertDeviceProof(license, live, request.certificate);
    await assertReleaseAllowed(tx, license, now);
    await tx.endActivation(live.id, now, 'deactivated');
    return {
      deactivated: true,
      instance_id: request.instanceId,
      license: licenseView(license, await tx.countLiveActivations(license.id), now),
    };
  });
}
