import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { EARLIEST_CERTIFICATE_EXPIRY, LATEST_CERTIFICATE_EXPIRY } from '../../shared/license/certificate.ts';
import type { PlanTerms } from '../storage/storage.ts';
import { expiryForOrder, formatInstant } from './license-rules.ts';

/*
 * The range of expiries a certificate can carry (20 bits of hours since 2020). Checked wherever an
 * expiry enters — a set date, a plan's duration at plan creation and again at order time — so a
 * license can never hold an expiry its every activation would fail to sign.
 */

/**
 * Throws REQUEST_INVALID when `expiresAt` (already on the certificate hour) is out of range.
 * `subject` leads the hint: "the expiry would be", "an order of this plan placed now would expire … on".
 */
export function assertCertificateExpiry(expiresAt: number, subject = 'the expiry would be', remedy = 'choose an earlier date or "never"'): void {
  if (expiresAt > LATEST_CERTIFICATE_EXPIRY) {
    throw new KeyholeError(
      'REQUEST_INVALID',
      `${subject} ${formatInstant(expiresAt)}, after ${formatInstant(LATEST_CERTIFICATE_EXPIRY)}, the latest expiry an activation certificate can carry: ${remedy}`,
    );
  }
  if (expiresAt < EARLIEST_CERTIFICATE_EXPIRY) {
    throw new KeyholeError(
      'REQUEST_INVALID',
      `${subject} ${formatInstant(expiresAt)}, before ${formatInstant(EARLIEST_CERTIFICATE_EXPIRY)}, the earliest expiry an activation certificate can carry`,
    );
  }
}

/** The expiry an order placed at `orderedAt` gets, refused when the plan's duration lands out of range. */
export function checkedOrderExpiry(expiry: PlanTerms['expiry'], orderedAt: number): number | null {
  const expiresAt = expiryForOrder(expiry, orderedAt);
  if (expiresAt !== null && expiry !== null) {
    assertCertificateExpiry(
      expiresAt,
      `an order of this plan placed now would expire ${expiry.value} ${expiry.unit} later, on`,
      'choose a shorter duration or "never"',
    );
  }
  return expiresAt;
}
