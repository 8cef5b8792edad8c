import { CATALOG, type ErrorCode } from '../../shared/errors/catalog.ts';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';

/*
 * The one place an error becomes an HTTP answer. Body: {error: {code, message, hint?, ...details,
 * request_id}} with the catalog title as message; never a stack trace. request_id is the
 * x-request-id header of the same answer, so a customer can quote it and support can find the line
 * in the request log (`keyhole log find`).
 *
 * | status | codes                                                         | when                                        |
 * |--------|---------------------------------------------------------------|---------------------------------------------|
 * | 400    | REQUEST_INVALID, LICENSE_FORMAT_INVALID, *_CODE_FORMAT_INVALID | bad JSON, wrong type, unknown field, too big, malformed key / Instance ID / code / certificate, control characters in a name, a request target that is no path |
 * | 401    | UNAUTHORIZED                                                  | admin route without a valid bearer token   |
 * | 403    | LICENSE_DEACTIVATED, ACTIVATION_REVOKED, OFFLINE_ONLY_PLAN    | the license exists but refuses this         |
 * | 403    | ROLE_READ_ONLY                                                | a support user's change through the console or the admin API |
 * | 403    | DEACTIVATION_PROOF_REQUIRED                                   | freeing an air-gapped/offline slot without the device's proof (its current certificate) |
 * | 404    | LICENSE_INVALID                                               | unknown or regenerated-away key             |
 * | 404    | NOT_FOUND, NOT_ACTIVATED                                      | unknown route / plan / license / activation; deactivate of an instance holding no slot |
 * | 405    | REQUEST_INVALID                                               | known path, wrong method (Allow header)     |
 * | 408    | REQUEST_INVALID                                               | the request did not arrive in time (answered on the socket) |
 * | 431    | REQUEST_INVALID                                               | headers over the size limit (answered on the socket) |
 * | 409    | ACTIVATION_LIMIT_REACHED                                      | every slot in use (details: used, limit)    |
 * | 409    | DEACTIVATION_CODE_MISMATCH                                    | an offline deactivation code for no current activation |
 * | 409    | DEACTIVATION_LIMIT_REACHED                                    | the plan's slot releases per period are used up (details: next_release_at) |
 * | 409    | TRIAL_ALREADY_USED                                            | this machine (Instance ID or fingerprint) has had its trial |
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
  ROLE_READ_ONLY: 403,
  LICENSE_INVALID: 404,
  NOT_FOUND: 404,
  NOT_ACTIVATED: 404,
  ACTIVATION_LIMIT_REACHED: 409,
  DEACTIVATION_CODE_MISMATCH: 409,
  DEACTIVATION_LIMIT_REACHED: 409,
  TRIAL_ALREADY_USED: 409,
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
  TRIAL_ENDED: 410,
  TRIAL_NEEDS_INTERNET: 500,
};

export function statusFor(code: ErrorCode): number {
  return STATUS[code];
}

/** The catalog body; `requestId` is left out only where no request exists (the CLI's --json). */
export function errorBody(error: KeyholeError, requestId?: string) {
  return {
    error: {
      code: error.code,
      message: CATALOG[error.code].title,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...error.details,
      ...(requestId === undefined ? {} : { request_id: requestId }),
    },
  };
}

/** A known path asked with a method it does not take: 405 with the Allow header. */
export class MethodNotAllowed extends KeyholeError {
  readonly allow: readonly string[];
  constructor(path: string, allow: readonly string[]) {
    super('REQUEST_INVALID', `${path} accepts ${allow.join(', ')}`);
    this.allow = allow;
  }
}

/** A request the server stops reading (body over the limit): the connection is not reused. */
export class BodyTooLarge extends KeyholeError {
  constructor(limitBytes: number) {
    super('REQUEST_INVALID', `the body is larger than the limit of ${limitBytes} bytes`, { limit_bytes: limitBytes });
  }
}

export interface ErrorReply {
  readonly status: number;
  readonly error: KeyholeError;
  readonly headers: Readonly<Record<string, string>>;
}

/** Status and headers for a KeyholeError (body: errorBody, or the manual page's HTML panel). */
export function errorReply(error: KeyholeError): ErrorReply {
  const headers: Record<string, string> = {};
  const retryAfter = error.code === 'RATE_LIMITED' ? error.details?.['retry_after_seconds'] : undefined;
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (error instanceof MethodNotAllowed) headers['allow'] = error.allow.join(', ');
  if (error instanceof BodyTooLarge) headers['connection'] = 'close';
  return { status: error instanceof MethodNotAllowed ? 405 : statusFor(error.code), error, headers };
}
