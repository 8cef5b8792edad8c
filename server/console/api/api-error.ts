import { describeError, knownCode, type CatalogEntry, type ErrorCode } from '../../../shared/errors/catalog.ts';

/*
 * What a failed call means to the person at the console: a catalog code (the words come only from
 * the catalog), the authority's detail line when it sent one, and the request id support asks for.
 */

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | null;
  readonly requestId: string | null;
  readonly status: number;

  constructor(code: ErrorCode, status: number, detail: string | null = null, requestId: string | null = null) {
    super(describeError(code, 'server').title);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.detail = detail;
    this.requestId = requestId;
  }

  get entry(): CatalogEntry {
    return describeError(this.code, 'server');
  }
}

/** The authority's error body ({error: {code, hint?, request_id}}) as an ApiError; anything else is SERVER_ERROR. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; hint?: unknown; request_id?: unknown } } | null)?.error;
  const code = knownCode(error?.code, 'server');
  const detail = typeof error?.hint === 'string' ? error.hint : null;
  const requestId = typeof error?.request_id === 'string' ? error.request_id : null;
  return new ApiError(code, status, detail, requestId);
}

/** Any thrown value as an ApiError: a fetch that never reached the authority is SERVER_UNREACHABLE. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('SERVER_UNREACHABLE', 0);
}
