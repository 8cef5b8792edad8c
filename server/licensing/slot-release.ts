import { isLeasedMode } from '../../shared/license/certificate.ts';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { digestOfActivationCode } from '../certificates/certificate-digest.ts';
import type { ActivationRecord, LicenseRecord, StorageOperations } from '../storage/storage.ts';
import { formatInstant } from './license-rules.ts';

/*
 * Who may free a slot, and how often. Both rules apply to the customer's releases only (online
 * deactivate, deactivation codes); the vendor's revoke and key regeneration are never held back.
 * Call inside the transaction that ends the activation, after reading (so locking) the license, so
 * the check and the release are one step, also across processes.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * Air-gapped and offline certificates never check in again, so freeing their slot without the
 * device would leave that device licensed. The online call must then bring the certificate the
 * device is removing: the digest recorded at signing is the same proof a deactivation code carries.
 * Online plans need no proof: their devices re-validate and learn the slot is gone.
 */
export function assertDeviceProof(license: LicenseRecord, activation: ActivationRecord, certificate: string | null): void {
  if (isLeasedMode(license.plan.mode)) return;
  const onTheDevice = 'on that device, choose "Deactivate this device" (it sends its certificate, or shows a deactivation code)';
  if (certificate === null) {
    const kind = license.plan.mode === 'airgapped' ? 'an air-gapped' : 'an offline';
    throw new KeyholeError('DEACTIVATION_PROOF_REQUIRED', `${kind} activation is freed from its device: ${onTheDevice}`);
  }
  if (certificateDigestOf(certificate) !== activation.certificateDigest) {
    throw new KeyholeError('DEACTIVATION_PROOF_REQUIRED', `the certificate sent is not the one this activation holds now: ${onTheDevice}`);
  }
}

/** A malformed certificate is the client's bug: REQUEST_INVALID naming the field. */
function certificateDigestOf(certificate: string): string {
  try {
    return digestOfActivationCode(certificate);
  } catch (error) {
    if (error instanceof KeyholeError) throw new KeyholeError('REQUEST_INVALID', `certificate: ${error.hint ?? error.message}`);
    throw error;
  }
}

/**
 * The plan's cap on releases per rolling period: over it, DEACTIVATION_LIMIT_REACHED with the
 * instant the oldest counted release ages out (`next_release_at`), and nothing changes.
 */
export async function assertReleaseAllowed(tx: StorageOperations, license: LicenseRecord, now: number): Promise<void> {
  const limit = license.plan.releaseLimit;
  if (!limit) return;
  const period = limit.days * DAY;
  const releases = await tx.listReleaseTimes(license.id, now - period);
  if (releases.length < limit.count) return;
  const next = (releases[releases.length - limit.count] as number) + period;
  // Shown to the minute, rounded up, so trying again at the time shown works.
  const shown = formatInstant(Math.ceil(next / MINUTE) * MINUTE);
  throw new KeyholeError(
    'DEACTIVATION_LIMIT_REACHED',
    `${limit.count} slot releases per ${limit.days} days are used; the next release is possible on ${shown}`,
    { next_release_at: new Date(next).toISOString() },
  );
}
