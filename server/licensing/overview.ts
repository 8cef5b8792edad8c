import { redactLicenseKey } from '../../shared/format/license-key.ts';
import { decryptKey } from '../storage/key-crypto.ts';
import { hourOf } from '../storage/refusal-counts.ts';
import type { LicensingContext } from './context.ts';

/*
 * The console's overview: how many licenses are active, how many activations were made lately,
 * what the authority refused and why (by catalog code), and which licenses run out soon. Each
 * number is one indexed count; refusals are counted per hour, so "the last 24 hours" starts at the
 * top of the hour 24 hours ago.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How many of the soonest-expiring licenses the overview names. */
export const EXPIRING_SHOWN = 5;

export async function overview(ctx: LicensingContext) {
  // Refusals noted in the last second are written first, so the numbers include them.
  await ctx.storage.flushRefusals();
  const now = ctx.clock.now();
  const [activeLicenses, day, week, refusedDay, refusedWeek, expiring] = await Promise.all([
    ctx.storage.countActiveLicenses(now),
    ctx.storage.countActivationsSince(now - DAY_MS),
    ctx.storage.countActivationsSince(now - 7 * DAY_MS),
    ctx.storage.countRefusals(hourOf(now - DAY_MS)),
    ctx.storage.countRefusals(hourOf(now - 7 * DAY_MS)),
    ctx.storage.findExpiringLicenses(now, now + 30 * DAY_MS, EXPIRING_SHOWN),
  ]);
  return {
    at: new Date(now).toISOString(),
    active_licenses: activeLicenses,
    activations: { last_24_hours: day, last_7_days: week },
    refusals: { last_24_hours: refusedDay, last_7_days: refusedWeek },
    expiring_within_30_days: {
      count: expiring.count,
      first: expiring.first.map((license) => ({
        license_id: license.id,
        order_id: license.orderId,
        plan: license.plan.name,
        key_redacted: redactLicenseKey(decryptKey(license.keyCiphertext, ctx.secret)),
        expires_at: new Date(license.expiresAt as number).toISOString(),
      })),
    },
  };
}
