import { CATALOG, type ErrorCode } from './catalog.ts';

/** Facts that go with an error: shown in details and support bundles, never secrets. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

/** The serialisable shape of an error, as it crosses IPC and HTTP. */
export interface ErrorInfo {
  readonly code: ErrorCode;
  /** The catalog title (so a client that lags behind the catalog still has words to show). */
  readonly message: string;
  /** A precise, situation-specific hint, e.g. "looks truncated: 17 of 25 characters". */
  readonly hint?: string;
  readonly details?: ErrorDetails;
}

/**
 * The one error type inside Keyhole: a catalog code plus a hint and details. Every boundary turns
 * it into {@link ErrorInfo}; nothing user-facing is written anywhere else.
 *
 * @example
 * throw new KeyholeError('LICENSE_FORMAT_INVALID', 'looks truncated: 17 of 25 characters');
 */
export class KeyholeError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, hint?: string, details?: ErrorDetails) {
    super(hint ? `${CATALOG[code].title}: ${hint}` : CATALOG[code].title);
    this.name = 'KeyholeError';
    this.code = code;
    this.hint = hint;
    this.details = details;
  }

  /** The form that crosses process and network boundaries. */
  toInfo(): ErrorInfo {
    return {
      code: this.code,
      message: CATALOG[this.code].title,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/**
 * A value or the error that prevented it; what IPC handlers and parsers return.
 *
 * @example
 * const r: Result<number> = { ok: true, value: 1 };
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };
