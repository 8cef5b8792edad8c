import { CATALOG, type ErrorCode } from '../../shared/errors/catalog.ts';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { Reply } from './router.ts';

/*
 * The one place an error becomes an HTTP answer. Body: {error: {code, message, hint?, ...details}}
 * with the catalog title as message; never a stack trace.
 *
 * | status | codes                                                         | when                                        |
 * |--------|---------------------------------------------------------------|---------------------------------------------|
 * | 400    | REQUEST_INVALID, LICENSE_FORMAT_INVALID, *_CODE_FORMAT_INVALID | bad JSON, wrong type, unknown field, too big, malformed key / Instance ID / code / certificate, control characters in a name, a request target that is no path |
 * | 401    | UNAUTHORIZED                                                  | admin route without a valid bearer token   |
 * | 403    | LICENSE_DEACTIVATED, ACTIVATION_REVOKED, OFFLINE_ONLY_PLAN    | the license exists but refuses this         |
 * | 403    | DEACTIVATION_PROOF_REQUIRED                                   | freeing an air-gapped/offline slot without the device's proof (its current certificate) |
 * | 404    | LICENSE_INVALID                                               | unknown or regenerated-away key             |
 * | 404    | NOT_FOUND, NOT_ACTIVATED                                      | unknown route / plan / license / activation; deactivate of an instance holding no slot |
 * | 405    | REQUEST_INVALID                                               | known path, wrong method (Allow header)     |
 * | 409    | ACTIVATION_LIMIT_REACHED                                      | every slot in use (details: used, limit)    |
 * | 409    | DEACTIVATION_CODE_MISMATCH                                    | an offline deactivation code for no current activation |
 * | 409    | DEACTIVATION_LIMIT_REACHED                                    | the plan's slot releases per period are used up (details: next_release_at) |
 * | 410    | LICENSE_EXPIRED                                               | past its expiry (details: expires_at)       |
 * | 429    | RATE_LIMITED                                                  | too many requests (Retry-After, retry_after_seconds) |
 * | 500    | SERVER_ERROR                                                  | anything unexpected (logged on the server)  |
 *
 * `POST /license/validate` is the exception by design: for a known key it answers 200 with
 * `valid: false` and the code (LICENSE_EXPIRED, LICENSE_DEACTIVATED, ACTIVATION_REVOKED,
 * NOT_ACTIVATED) plus the license facts, so the app can show e.g. the new expiry. Only unknown keys
 * (404), malformed requests (400) and rate limits (429) are errors there.
 */

const STATUS: { readonly [C in ErrorCode]: number } = {
  REQUEST_INVALID: 400,
  LICENSE_FORMAT_INVALID: 400,
  ACTIVATION_CODE_FORMAT_INVALID: 400,
  REQUEST_CODE_FORMAT_INVALID: 400,
  DEACTIVATION_CODE_FORMAT_INVALID: 400,
  UNAUTHORIZED: 401,
  LICENSE_DEACTIVATED: 403,
  ACTIVATION_REVOKED: 403,
  OFFLINE_ONLY_PLAN: 403,
  DEACTIVATION_PROOF_REQUIRED: 403,
  LICENSE_INVALID: 404,
  NOT_FOUND: 404,
  NOT_ACTIVATED: 404,
  ACTIVATION_LIMIT_REACHED: 409,
  DEACTIVATION_CODE_MISMATCH: 409,
  DEACTIVATION_LIMIT_REACHED: 409,
  LICENSE_EXPIRED: 410,
  RATE_LIMITED: 429,
  SERVER_ERROR: 500,
  INTERNAL_ERROR: 500,
  // Decided on the machine, never by the authority; mapped for completeness.
  LICENSE_MISMATCH: 400,
  ACTIVATION_REMOVED: 404,
  VERSION_NOT_COVERED: 400,
  GRACE_PERIOD: 500,
  CLOCK_ROLLBACK: 500,
  STORE_UNREADABLE: 500,
  SERVER_UNREACHABLE: 500,
};

export function statusFor(code: ErrorCode): number {
  return STATUS[code];
}

export function errorBody(error: KeyholeError) {
  return {
    error: {
      code: error.code,
      message: CATALOG[error.code].title,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...error.details,
    },
  };
}

/** Turns anything thrown by a route into a reply; unexpected errors go to `log`, not to the client. */
export function errorReply(error: unknown, log: (error: unknown) => void): Reply {
  if (error instanceof KeyholeError) {
    const retryAfter = error.code === 'RATE_LIMITED' ? error.details?.['retry_after_seconds'] : undefined;
    return {
      status: statusFor(error.code),
      body: errorBody(error),
      ...(retryAfter === undefined ? {} : { headers: { 'retry-after': String(retryAfter) } }),
    };
  }
  log(error);
  return { status: 500, body: errorBody(new KeyholeError('SERVER_ERROR')) };
}
