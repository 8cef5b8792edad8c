import type { CertificatePayload } from './certificate.ts';

/*
 * The trial countdown the status view shows: whole days left (rounded up, so the last day reads
 * "1 day left") and the end. Relative to the app's clock at evaluation, never the screen's own.
 */

const DAY_MS = 86_400_000;

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
  return { daysLeft: Math.ceil((certificate.expiresAt - now) / DAY_MS), endsAt: certificate.expiresAt };
}
