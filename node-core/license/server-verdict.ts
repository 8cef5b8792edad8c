import type { ErrorCode } from '../../shared/errors/catalog.ts';

/*
 * What an authority's refusal means for the certificate stored here. The wire stays as it is: the
 * authority says NOT_ACTIVATED when it holds no live slot for this instance, and the app records
 * that as ACTIVATION_REMOVED, because with a certificate stored it means "freed elsewhere", not
 * "never activated" (evaluate.ts turns it into the `removed` state, features off).
 */

/** Refusals that end the stored certificate, as the outcome the store records. */
const ENDS_CERTIFICATE: Partial<Record<ErrorCode, ErrorCode>> = {
  NOT_ACTIVATED: 'ACTIVATION_REMOVED',
  ACTIVATION_REVOKED: 'ACTIVATION_REVOKED',
  LICENSE_INVALID: 'LICENSE_INVALID',
  LICENSE_DEACTIVATED: 'LICENSE_DEACTIVATED',
  LICENSE_EXPIRED: 'LICENSE_EXPIRED',
};

/** The recorded outcome for a validate answer about the stored certificate (other codes unchanged). */
export function validationOutcome(code: ErrorCode): ErrorCode {
  return ENDS_CERTIFICATE[code] ?? code;
}

/**
 * The verdict a refused activation of the stored key gives about the stored certificate, or null
 * when it says nothing about it (unreachable, 5xx, 429, a format error). The authority re-uses a
 * live slot of the same instance, so "limit reached" for it proves this instance holds none.
 */
export function activationVerdict(code: ErrorCode): ErrorCode | null {
  if (code === 'ACTIVATION_LIMIT_REACHED') return 'ACTIVATION_REMOVED';
  return ENDS_CERTIFICATE[code] ?? null;
}
