import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { toCertificateHour } from '../../shared/license/certificate.ts';
import type { LicenseRecord, PlanTerms } from '../storage/storage.ts';

/* The rules every route applies to a license: when it expires and whether it can be used now. */

export type EffectiveStatus = 'active' | 'expired' | 'deactivated';

/** Deactivation wins over expiry: it is permanent, an expiry can still be extended. */
export function effectiveStatus(license: LicenseRecord, now: number): EffectiveStatus {
  if (license.status === 'deactivated') return 'deactivated';
  if (license.expiresAt !== null && license.expiresAt <= now) return 'expired';
  return 'active';
}

/** Throws the catalog error for a license that cannot take new activations. */
export function assertUsable(license: LicenseRecord, now: number): void {
  const status = effectiveStatus(license, now);
  if (status === 'deactivated') throw new KeyholeError('LICENSE_DEACTIVATED');
  if (status === 'expired') {
    throw new KeyholeError('LICENSE_EXPIRED', `expired on ${formatInstant(license.expiresAt as number)}`, {
      expires_at: new Date(license.expiresAt as number).toISOString(),
    });
  }
}

/** Longest trial a plan may give. */
export const MAX_TRIAL_DAYS = 365;

/**
 * Why these terms cannot be a trial plan, or null: a trial always ends, after a number of days
 * (the certificate of a trial always carries an expiry).
 */
export function trialTermsProblem(terms: Pick<PlanTerms, 'mode' | 'expiry'>): string | null {
  if (terms.mode !== 'trial') return null;
  if (terms.expiry === null || terms.expiry.unit !== 'days' || terms.expiry.value > MAX_TRIAL_DAYS) {
    return `a trial plan lasts a number of days, 1 to ${MAX_TRIAL_DAYS} (expiry in days; CLI: --mode trial --days N)`;
  }
  return null;
}

/**
 * The expiry of a license ordered at `orderedAt`: N days, or calendar months/years later (UTC, the
 * day kept within the target month),
 * rounded up to the certificate hour so the API and the certificate state the same instant.
 */
export function expiryForOrder(expiry: PlanTerms['expiry'], orderedAt: number): number | null {
  if (expiry === null) return null;
  const date = new Date(orderedAt);
  if (expiry.unit === 'days') date.setUTCDate(date.getUTCDate() + expiry.value);
  else addCalendarMonths(date, expiry.unit === 'months' ? expiry.value : expiry.value * 12);
  return toCertificateHour(date.getTime());
}

/** Months stay in their month: Jan 31 + 1 month is Feb 28 (or 29), never rolled over into March. */
function addCalendarMonths(date: Date, months: number): void {
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
}

/** "2027-11-26 16:00 UTC": how expiry dates are shown to admins and in hints. */
export function formatInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
