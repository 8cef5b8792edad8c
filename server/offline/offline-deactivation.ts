import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { decodeDeactivationCode } from '../../shared/license/offline-codes.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { licenseView } from '../licensing/license-views.ts';
import { assertReleaseAllowed } from '../licensing/slot-release.ts';
import type { StorageOperations } from '../storage/storage.ts';

/*
 * Frees a slot with the deactivation code an offline machine showed when it removed its
 * activation. The code carries the digest of the certificate the machine held; the slot is freed
 * only when that is the digest of the last certificate issued for the instance's activation of
 * that license. Anything else — another license, another instance, an older certificate, a forged
 * digest — is one error that reveals nothing about which part did not fit.
 *
 * Pasting the same code twice is harmless: the second time reports the slot as already free (and
 * does not count against the plan's release limit, which a real release does).
 */

export interface OfflineDeactivation {
  readonly deactivated: true;
  /** true when the slot had already been freed (the same code used again, or revoked by the vendor). */
  readonly already_free: boolean;
  readonly instance_id: string;
  readonly deactivated_at: string;
  readonly license: ReturnType<typeof licenseView>;
}

/**
 * The code's license and activation, when the code names the last certificate issued for that
 * instance; otherwise DEACTIVATION_CODE_MISMATCH. Read-only: the manual page checks a code with it
 * before the code may count against its license's rate limit, so forged codes cannot use it up.
 */
export function checkDeactivationCode(ctx: LicensingContext, deactivationCode: string) {
  return checkCodeWith(ctx.storage, deactivationCode);
}

async function checkCodeWith(storage: StorageOperations, deactivationCode: string) {
  const code = decodeDeactivationCode(deactivationCode);
  const license = await storage.findLicenseById(code.licenseId);
  const latest = license && (await storage.findLatestActivation(license.id, code.instanceId));
  if (!license || !latest || latest.certificateDigest !== code.certificateDigest) {
    throw new KeyholeError('DEACTIVATION_CODE_MISMATCH', `the code is for Instance ID ${code.instanceId}`, {
      instance_id: code.instanceId,
    });
  }
  return { code, license, activation: latest };
}

export function deactivateWithCode(ctx: LicensingContext, deactivationCode: string): Promise<OfflineDeactivation> {
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (tx) => {
    const { code, license, activation: latest } = await checkCodeWith(tx, deactivationCode);
    const alreadyFree = latest.endedAt !== null;
    if (!alreadyFree) {
      await assertReleaseAllowed(tx, license, now);
      await tx.endActivation(latest.id, now, 'deactivated');
    }
    return {
      deactivated: true,
      already_free: alreadyFree,
      instance_id: code.instanceId,
      deactivated_at: new Date(latest.endedAt ?? now).toISOString(),
      license: licenseView(license, await tx.countLiveActivations(license.id), now),
    };
  });
}
