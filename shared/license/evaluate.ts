import type { ErrorCode } from '../errors/catalog.ts';
import type { ErrorInfo } from '../errors/keyhole-error.ts';
import { isLeasedMode, type CertificatePayload } from './certificate.ts';
import { describeMismatch, matchFingerprint, type CompactFingerprint, type FingerprintMatch } from './fingerprint.ts';

/*
 * The one place that decides what a stored license means right now. Every screen of the app, the
 * start-up check and `keyhole support reproduce` derive from `evaluateLicense`, so it is pure (no
 * I/O, no crypto: the caller passes the outcome of verifyActivationCode) and it never throws.
 *
 * The checks run in this fixed order; the first that fails decides the state:
 *   1. store        the local license file could be read            → unreadable (STORE_UNREADABLE)
 *   2. certificate  an activation is stored                          → not_activated (NOT_ACTIVATED)
 *   3. signature    it decodes and the vendor's signature holds      → invalid (its error code)
 *   4. clock        now ≥ highest time seen − 10 min, and ≥ issuedAt − 10 min → clock_rollback
 *   5. instance     the certificate names this Instance ID, and the fingerprint matches
 *                   (the rule in fingerprint.ts)                     → mismatch (LICENSE_MISMATCH)
 *   6. verdict      the last server answer newer than the certificate is not revoked /
 *                   removed / deactivated / invalid / expired        → revoked (ACTIVATION_REVOKED),
 *                   removed (ACTIVATION_REMOVED), deactivated, invalid, expired: a definitive
 *                   "not licensed" turns features off at once, in any mode; unreachable, 5xx
 *                   and 429 say nothing about the license and leave it to check 9
 *   7. version      the app's major version is within versions.min..max → version_not_covered
 *   8. expiry       expiresAt is null or after now                   → expired (LICENSE_EXPIRED; a
 *                   trial certificate: TRIAL_ENDED, also for the server's LICENSE_EXPIRED verdict)
 *   9. lease        online and trial modes: before leaseUntil       → lease_expired (SERVER_UNREACHABLE);
 *                   the last server answer since the certificate (± 10 min of clock skew) was
 *                   'ok', else grace (GRACE_PERIOD, daysLeft until the lease ends)
 * Air-gapped and offline certificates never need the server: they skip check 9.
 */

/** Every state a license can be in, in the order a UI legend lists them. */
export const LICENSE_STATES = [
  'not_activated',
  'active',
  'grace',
  'lease_expired',
  'expired',
  'mismatch',
  'invalid',
  'deactivated',
  'revoked',
  'removed',
  'clock_rollback',
  'unreadable',
  'version_not_covered',
] as const;
export type LicenseState = (typeof LICENSE_STATES)[number];

/** The checks of `evaluateLicense`, in the order they run. */
export const EVALUATION_CHECKS = [
  'store',
  'certificate',
  'signature',
  'clock',
  'instance',
  'verdict',
  'version',
  'expiry',
  'lease',
] as const;
export type EvaluationCheck = (typeof EVALUATION_CHECKS)[number];

/** How far the clock may go back (NTP corrections, DST mistakes) before it counts as set back. */
export const CLOCK_TOLERANCE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

/** What the authority last said, as the store records it. */
export interface ServerAnswer {
  readonly at: number;
  readonly outcome: 'ok' | 'unreachable' | ErrorCode;
  readonly httpStatus?: number;
}

export interface EvaluationInput {
  /** The stored certificate after verifyActivationCode: its payload, the error it threw, or none stored. */
  readonly certificate: { readonly payload: CertificatePayload } | { readonly error: ErrorInfo } | null;
  readonly machine: { readonly instanceId: string; readonly fingerprint: CompactFingerprint };
  readonly now: number;
  readonly highestTimeSeen: number | null;
  /** The running app's version, semver (only the major counts). */
  readonly appVersion: string;
  readonly lastServerAnswer: ServerAnswer | null;
  /** Set when the local store could not be read and was kept aside. */
  readonly storeProblem?: ErrorInfo;
}

export interface LicenseEvaluation {
  readonly state: LicenseState;
  readonly code: ErrorCode | null;
  readonly featuresEnabled: boolean;
  /** Grace only: whole days until the lease ends (rounded up). */
  readonly daysLeft?: number;
  /** The check that decided a non-active state, or null when everything passed. */
  readonly check: EvaluationCheck | null;
  /** For support: which check failed and why, in one sentence; grace explains itself too. */
  readonly failedCheck: string | null;
  readonly fingerprint: FingerprintMatch | null;
  readonly certificate: CertificatePayload | null;
  /** Licensed plugin ids, empty whenever features are off. */
  readonly plugins: readonly string[];
}

/**
 * The server answers that end a stored certificate. The authority's wire code NOT_ACTIVATED is
 * recorded as ACTIVATION_REMOVED by the app (node-core/license/server-verdict.ts), so the
 * status explains a slot freed elsewhere rather than a fresh install.
 */
const VERDICTS: Partial<Record<ErrorCode, LicenseState>> = {
  ACTIVATION_REVOKED: 'revoked',
  ACTIVATION_REMOVED: 'removed',
  LICENSE_DEACTIVATED: 'deactivated',
  LICENSE_INVALID: 'invalid',
  LICENSE_EXPIRED: 'expired',
};

/**
 * Decides the license state from what is stored and what this machine is (see the check order at
 * the top of this file). Never throws, whatever it is given.
 *
 * @example
 * evaluateLicense({ certificate: null, machine, now: Date.now(), highestTimeSeen: null,
 *   appVersion: '1.2.0', lastServerAnswer: null }).state // "not_activated"
 */
export function evaluateLicense(input: EvaluationInput): LicenseEvaluation {
  try {
    return evaluateChecks(input);
  } catch (error) {
    // Only malformed input can get here (the types rule it out); say so rather than crash a screen.
    return fail('invalid', 'LICENSE_INVALID', 'signature', `the license could not be evaluated: ${String(error)}`);
  }
}

function evaluateChecks(input: EvaluationInput): LicenseEvaluation {
  const { certificate, machine, now } = input;
  if (input.storeProblem) {
    const where = input.storeProblem.details?.keptAside;
    return fail('unreadable', 'STORE_UNREADABLE', 'store', `local license store: ${input.storeProblem.hint ?? 'could not be read'}${where ? ` (kept aside as ${String(where)})` : ''}`);
  }
  if (certificate === null) return fail('not_activated', 'NOT_ACTIVATED', 'certificate', 'no activation is stored on this installation');
  if ('error' in certificate) {
    return fail('invalid', certificate.error.code, 'signature', `stored certificate: ${certificate.error.hint ?? certificate.error.message}`);
  }
  const payload = certificate.payload;
  const fingerprint = matchFingerprint(payload.fingerprint, machine.fingerprint);
  const known = { fingerprint, certificate: payload };

  if (input.highestTimeSeen !== null && now < input.highestTimeSeen - CLOCK_TOLERANCE_MS) {
    return fail('clock_rollback', 'CLOCK_ROLLBACK', 'clock', `clock: now is ${at(now)}, ${span(input.highestTimeSeen - now)} before ${at(input.highestTimeSeen)}, the latest time this app has seen`, known);
  }
  if (now < payload.issuedAt - CLOCK_TOLERANCE_MS) {
    return fail('clock_rollback', 'CLOCK_ROLLBACK', 'clock', `clock: now is ${at(now)}, ${span(payload.issuedAt - now)} before the certificate was issued (${at(payload.issuedAt)})`, known);
  }
  if (payload.instanceId !== machine.instanceId) {
    return fail('mismatch', 'LICENSE_MISMATCH', 'instance', `instance: the certificate is for Instance ID ${payload.instanceId}, this installation is ${machine.instanceId}; fingerprint: ${describeMismatch(fingerprint)}`, known);
  }
  if (!fingerprint.matches) {
    return fail('mismatch', 'LICENSE_MISMATCH', 'instance', `fingerprint: ${describeMismatch(fingerprint)}`, known);
  }

  const answer = input.lastServerAnswer;
  // A verdict older than the certificate was overruled by the activation that issued it.
  const verdict = answer && answer.at >= payload.issuedAt && answer.outcome !== 'ok' && answer.outcome !== 'unreachable' ? VERDICTS[answer.outcome] : undefined;
  if (answer && verdict) {
    const status = answer.httpStatus === undefined ? '' : ` (HTTP ${answer.httpStatus})`;
    const code = verdict === 'expired' ? expiredCode(payload) : (answer.outcome as ErrorCode);
    return fail(verdict, code, 'verdict', `license server: answered ${answer.outcome}${status} at ${at(answer.at)}`, known);
  }

  const major = /^v?(\d+)(?:\.|$)/.exec(input.appVersion.trim())?.[1];
  const { min, max } = payload.versions;
  if (major === undefined || Number(major) < min || (max !== null && Number(major) > max)) {
    const covered = max === null ? `${min} and later` : min === max ? `${min}` : `${min} to ${max}`;
    return fail('version_not_covered', 'VERSION_NOT_COVERED', 'version', `version: the app is ${input.appVersion}, the license covers major versions ${covered}`, known);
  }
  if (payload.expiresAt !== null && payload.expiresAt <= now) {
    const what = payload.mode === 'trial' ? 'the trial' : 'the license';
    return fail('expired', expiredCode(payload), 'expiry', `expiry: ${what} ended at ${at(payload.expiresAt)}`, known);
  }

  const active: LicenseEvaluation = { state: 'active', code: null, featuresEnabled: true, check: null, failedCheck: null, ...known, plugins: payload.plugins };
  if (!isLeasedMode(payload.mode) || payload.leaseUntil === null) return active;
  if (payload.leaseUntil <= now) {
    return fail('lease_expired', 'SERVER_UNREACHABLE', 'lease', `lease: online re-validation was due by ${at(payload.leaseUntil)}; ${lastHeard(answer)}`, known);
  }
  // An 'ok' from before this certificate was issued says nothing about it (tolerating clock skew).
  if (answer === null || answer.outcome !== 'ok' || answer.at < payload.issuedAt - CLOCK_TOLERANCE_MS) {
    const daysLeft = Math.ceil((payload.leaseUntil - now) / DAY_MS);
    return {
      ...active,
      state: 'grace',
      code: 'GRACE_PERIOD',
      daysLeft,
      check: 'lease',
      failedCheck: `lease: working offline, ${lastHeard(answer)}; features stay on until ${at(payload.leaseUntil)} (${daysLeft} day${daysLeft === 1 ? '' : 's'} left)`,
    };
  }
  return active;
}

/** An ended trial explains itself as a trial (and offers "Buy"), not as a license to renew. */
function expiredCode(payload: CertificatePayload): ErrorCode {
  return payload.mode === 'trial' ? 'TRIAL_ENDED' : 'LICENSE_EXPIRED';
}

function fail(
  state: LicenseState,
  code: ErrorCode,
  check: EvaluationCheck,
  failedCheck: string,
  known: { fingerprint: FingerprintMatch | null; certificate: CertificatePayload | null } = { fingerprint: null, certificate: null },
): LicenseEvaluation {
  return { state, code, featuresEnabled: false, check, failedCheck, ...known, plugins: [] };
}

function lastHeard(answer: ServerAnswer | null): string {
  if (answer === null) return 'no server answer is recorded';
  const status = answer.httpStatus === undefined ? '' : ` (HTTP ${answer.httpStatus})`;
  return `the last server answer was ${answer.outcome}${status} at ${at(answer.at)}`;
}

/** A time for support text; never throws on a nonsensical number. */
function at(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? `an invalid time (${ms})` : date.toISOString().replace('.000Z', 'Z');
}

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
