import type { CertificatePayload } from './certificate.ts';

/*
 * The trial countdown the status view shows: whole days left (rounded up, so the last day reads
 * "1 day left", a fresh 14-day trial "14 days left") and the end. Relative to the app's clock at evaluation, never the screen's own.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface TrialCountdown {
  readonly daysLeft: number;
  /** Epoch ms: when the trial ends. */
  readonly endsAt: number;
}

/**
 * The countdown of a running trial; null for any other certificate or one already ended.
 *
 * @example
 * trialCountdown(view.status.certificate, view.evaluatedAt) // { daysLeft: 12, endsAt: … }
 */
export function trialCountdown(certificate: CertificatePayload | null, now: number): TrialCountdown | null {
  if (certificate?.mode !== 'trial' || certificate.expiresAt === null || certificate.expiresAt <= now) return null;
  // The authority rounds a trial's end up to the certificate hour: that hour is not an extra day.
  const daysLeft = Math.max(1, Math.ceil((certificate.expiresAt - now - HOUR_MS) / DAY_MS));
  return { daysLeft, endsAt: certificate.expiresAt };
}

/**
 * The countdown's words, on the status view and in the terminal flow alike.
 *
 * @example
 * trialLabel(12) // 'Trial: 12 days left'
 */
export function trialLabel(daysLeft: number): string {
  return `Trial: ${daysLeft} day${daysLeft === 1 ? '' : 's'} left`;
}
