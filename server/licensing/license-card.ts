import { decryptKey } from '../storage/key-crypto.ts';
import type { LicenseRecord } from '../storage/storage.ts';
import type { LicensingContext } from './context.ts';
import { adminLicenseView } from './license-views.ts';

/** A license as the order page's card shows it: key, status, "Never expires", "2/5 activations". */
export async function licenseCard(ctx: LicensingContext, license: LicenseRecord) {
  const used = await ctx.storage.countLiveActivations(license.id);
  return adminLicenseView(license, decryptKey(license.keyCiphertext, ctx.secret), used, ctx.clock.now());
}
