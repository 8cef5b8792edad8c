import { ERROR_CODES, isErrorCode, type ErrorCode } from '../../shared/errors/catalog.ts';

/*
 * `npm start -- --scenario <CODE>`: how the app looks for each code of the error catalog, as data.
 * A scenario is either a stored license in some state (the status view explains it) or a failed
 * action on top of one (its error panel). scenario-bundle.ts turns a spec into a real, sealed
 * support bundle with a real signed certificate, and the replay host shows it: the same path a
 * customer's bundle takes, so support training and the guide's screenshots show the real screens.
 */

/** What is stored, in terms of what the evaluation will find. */
export type StoredLicense =
  | 'none'
  | 'active'
  | 'expired'
  | 'trial_ended'
  | 'mismatch'
  | 'foreign_signature'
  | 'server_verdict'
  | 'grace'
  | 'lease_expired'
  | 'clock_rollback'
  | 'unreadable'
  | 'version_not_covered';

export interface ScenarioSpec {
  readonly stored: StoredLicense;
  /** For 'server_verdict': what the license server last answered. */
  readonly verdict?: ErrorCode;
  /** A failed action shown in the error panel, with the hint the app would have given. */
  readonly action?: { readonly name: 'activate' | 'validate' | 'deactivate'; readonly hint: string; readonly httpStatus?: number };
}

export const SCENARIOS: { readonly [C in ErrorCode]: ScenarioSpec } = {
  LICENSE_FORMAT_INVALID: { stored: 'none', action: { name: 'activate', hint: 'looks truncated: 17 of 25 characters after "KH-"' } },
  ACTIVATION_CODE_FORMAT_INVALID: { stored: 'none', action: { name: 'activate', hint: 'group 7 has a typo' } },
  REQUEST_CODE_FORMAT_INVALID: { stored: 'none', action: { name: 'activate', hint: 'the request code looks truncated: 40 characters short', httpStatus: 400 } },
  DEACTIVATION_CODE_FORMAT_INVALID: { stored: 'none', action: { name: 'deactivate', hint: 'group 3 has a typo', httpStatus: 400 } },
  LICENSE_INVALID: { stored: 'foreign_signature' },
  LICENSE_EXPIRED: { stored: 'expired' },
  LICENSE_MISMATCH: { stored: 'mismatch' },
  LICENSE_DEACTIVATED: { stored: 'server_verdict', verdict: 'LICENSE_DEACTIVATED' },
  ACTIVATION_LIMIT_REACHED: { stored: 'none', action: { name: 'activate', hint: 'all 5 activations of this license are in use', httpStatus: 409 } },
  ACTIVATION_REVOKED: { stored: 'server_verdict', verdict: 'ACTIVATION_REVOKED' },
  ACTIVATION_REMOVED: { stored: 'server_verdict', verdict: 'ACTIVATION_REMOVED' },
  OFFLINE_ONLY_PLAN: { stored: 'none', action: { name: 'activate', hint: 'the plan "Offline Site" activates offline only', httpStatus: 403 } },
  SERVER_UNREACHABLE: { stored: 'lease_expired' },
  SERVER_ERROR: { stored: 'none', action: { name: 'activate', hint: 'the license server answered HTTP 500', httpStatus: 500 } },
  INTERNAL_ERROR: { stored: 'active', action: { name: 'validate', hint: 'unexpected error inside the app' } },
  RATE_LIMITED: { stored: 'none', action: { name: 'activate', hint: 'try again in 60 seconds', httpStatus: 429 } },
  GRACE_PERIOD: { stored: 'grace' },
  CLOCK_ROLLBACK: { stored: 'clock_rollback' },
  STORE_UNREADABLE: { stored: 'unreadable' },
  VERSION_NOT_COVERED: { stored: 'version_not_covered' },
  NOT_ACTIVATED: { stored: 'none' },
  DEACTIVATION_CODE_MISMATCH: { stored: 'none', action: { name: 'deactivate', hint: 'the instance was activated again after this deactivation code was made', httpStatus: 409 } },
  DEACTIVATION_PROOF_REQUIRED: { stored: 'active', action: { name: 'deactivate', hint: 'an air-gapped activation is freed with its deactivation code', httpStatus: 403 } },
  DEACTIVATION_LIMIT_REACHED: { stored: 'active', action: { name: 'deactivate', hint: 'the next release is possible on 2027-01-12', httpStatus: 409 } },
  TRIAL_ALREADY_USED: { stored: 'none', action: { name: 'activate', hint: 'this computer started a trial on 2026-02-01', httpStatus: 409 } },
  TRIAL_ENDED: { stored: 'trial_ended' },
  TRIAL_NEEDS_INTERNET: { stored: 'none', action: { name: 'activate', hint: 'could not connect to https://licenses.example.com (ENOTFOUND)' } },
  REQUEST_INVALID: { stored: 'active', action: { name: 'validate', hint: 'bad arguments for validate: fingerprint', httpStatus: 400 } },
  UNAUTHORIZED: { stored: 'active', action: { name: 'deactivate', hint: 'this window only shows a license; it cannot change it' } },
  ROLE_READ_ONLY: { stored: 'active', action: { name: 'deactivate', hint: 'a support user can look things up but not change them', httpStatus: 403 } },
  NOT_FOUND: { stored: 'active', action: { name: 'validate', hint: 'the license server does not know this activation', httpStatus: 404 } },
};

/** Every code `--scenario` accepts, in catalog order. */
export const SCENARIO_CODES: readonly ErrorCode[] = ERROR_CODES;

/**
 * Reads a `--scenario` argument (any case, dashes for underscores); null when it names no code.
 *
 * @example
 * parseScenarioCode('license-expired') // "LICENSE_EXPIRED"
 */
export function parseScenarioCode(input: string): ErrorCode | null {
  const code = input.trim().toUpperCase().replace(/-/g, '_');
  return isErrorCode(code) ? code : null;
}
