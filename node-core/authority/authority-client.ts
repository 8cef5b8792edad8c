import type { z } from 'zod';
import { isErrorCode, knownCode } from '../../shared/errors/catalog.ts';
import { KeyholeError, type ErrorDetails } from '../../shared/errors/keyhole-error.ts';
import { isRequestId } from '../../shared/http/request-id.ts';
import type { ActivateAnswer, SlotListAnswer, TrialAnswer, ValidateAnswer, WireFingerprint } from './wire.ts';

/*
 * The app's side of the authority API, on the platform's fetch (injectable for tests). Every call
 * has a timeout and honours the caller's AbortSignal (the Cancel button). Failures are
 * KeyholeErrors with the catalog code and, in details, `httpStatus`, `latencyMs` (null when no
 * answer came) and the authority's `requestId` (its `x-request-id`, which names the authority's log
 * line for this call, so support can find it): network errors, timeouts and cancellation are SERVER_UNREACHABLE; an error body
 * keeps its code and details (e.g. used/limit); anything unintelligible is SERVER_ERROR.
 * The answers' schemas (./wire.ts, with zod) are loaded with the first answer: evaluating a stored
 * activation at start-up never calls the authority, so it never pays for them.
 */

type Wire = typeof import('./wire.ts');
/** Picks the schema an answer is read with; null reads any body (nothing in it is used). */
type AnswerSchema<T> = (wire: Wire) => z.ZodType<T> | null;

const loadWire = (): Promise<Wire> => import('./wire.ts');

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface AuthorityClientOptions {
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface Answer<T> {
  readonly body: T;
  readonly httpStatus: number;
  readonly latencyMs: number;
  /** The authority's id for this request (`x-request-id`); null from an authority that sends none. */
  readonly requestId: string | null;
}

export interface ActivateRequest {
  readonly license_key: string;
  readonly instance_id: string;
  readonly instance_name?: string;
  readonly fingerprint?: WireFingerprint;
  readonly metadata?: { readonly os?: string; readonly app_version?: string };
}

/** A trial names no key: the authority picks the product's trial plan and makes the license. */
export type TrialRequest = Omit<ActivateRequest, 'license_key'> & { readonly app_version?: string };

export interface DeactivateRequest {
  readonly license_key: string;
  readonly instance_id: string;
  /** The stored activation code ("KA-…"): proof that this device holds the slot it frees. */
  readonly certificate?: string;
}

export interface SlotListRequest {
  readonly license_key: string;
  /** This machine's Instance ID: the authority marks its slot `this_machine` (and never hands the ID back). */
  readonly instance_id?: string;
}

export interface AuthorityClient {
  readonly baseUrl: string;
  activate(request: ActivateRequest, options?: CallOptions): Promise<Answer<ActivateAnswer>>;
  validate(request: { license_key: string; instance_id: string }, options?: CallOptions): Promise<Answer<ValidateAnswer>>;
  deactivate(request: DeactivateRequest, options?: CallOptions): Promise<Answer<unknown>>;
  trial(request: TrialRequest, options?: CallOptions): Promise<Answer<TrialAnswer>>;
  /** The license's live activations, as the key holder may see them (slot recovery); `instance_id` has this machine's slot marked. */
  listActivations(request: SlotListRequest, options?: CallOptions): Promise<Answer<SlotListAnswer>>;
  /** Frees the slot a listed reference names; counted against the plan's release cap. */
  releaseActivation(request: SlotListRequest & { slot: string }, options?: CallOptions): Promise<Answer<SlotListAnswer>>;
}

function errorFromBody(wire: Wire, httpStatus: number, body: unknown, latencyMs: number, headers: Headers): KeyholeError {
  const retryAfter = headers.get('retry-after');
  const requestId = requestIdOf(headers);
  const parsed = wire.ErrorBodySchema.safeParse(body);
  if (!parsed.success) {
    // A proxy's bare 503 or 429 still says when to come back.
    return new KeyholeError(httpStatus === 429 ? 'RATE_LIMITED' : 'SERVER_ERROR', `the license server answered HTTP ${httpStatus} without an explanation`, {
      httpStatus,
      latencyMs,
      requestId,
      ...(retryAfter === null ? {} : { retry_after: retryAfter }),
    });
  }
  const { code, message: _message, hint, request_id: _sameAsHeader, ...rest } = parsed.data.error;
  const details: Record<string, ErrorDetails[string]> = { httpStatus, latencyMs, requestId: requestId ?? (typeof _sameAsHeader === 'string' ? _sameAsHeader : null) };
  for (const [key, value] of Object.entries(rest)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) details[key] = value as string | number | boolean | null;
  }
  if (retryAfter !== null && details.retry_after === undefined) details.retry_after = retryAfter;
  return new KeyholeError(knownCode(code, 'server'), hint ?? (isErrorCode(code) ? undefined : `the server said ${code}`), details);
}

/** A client for the authority at `baseUrl`. */
export function createAuthorityClient(options: AuthorityClientOptions): AuthorityClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function post<T>(path: string, payload: object, schemaOf: AnswerSchema<T>, call: CallOptions = {}): Promise<Answer<T>> {
    const url = `${baseUrl}${path}`;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let response: Response;
    let body: unknown;
    try {
      response = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(payload), signal });
      body = await response.json().catch(() => undefined);
    } catch (error) {
      const hint = call.signal?.aborted
        ? 'the request was cancelled before the server answered'
        : timeout.aborted
          ? `no answer from ${baseUrl} within ${Math.round(timeoutMs / 1000)} s`
          : `could not connect to ${baseUrl} (${describeNetworkError(error)})`;
      throw new KeyholeError('SERVER_UNREACHABLE', hint, { httpStatus: null, latencyMs: elapsed(), cancelled: call.signal?.aborted ?? false });
    }
    const latencyMs = elapsed();
    const wire = await loadWire();
    if (!response.ok) throw errorFromBody(wire, response.status, body, latencyMs, response.headers);
    const requestId = requestIdOf(response.headers);
    const schema = schemaOf(wire);
    if (schema === null) return { body: body as T, httpStatus: response.status, latencyMs, requestId };
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new KeyholeError('SERVER_ERROR', `the license server's answer to ${path} is not in the expected form`, { httpStatus: response.status, latencyMs, requestId });
    }
    return { body: parsed.data, httpStatus: response.status, latencyMs, requestId };
  }

  return {
    baseUrl,
    activate: (request, call) => post('/license/activate', request, (wire) => wire.ActivateAnswerSchema, call),
    validate: (request, call) => post('/license/validate', request, (wire) => wire.ValidateAnswerSchema, call),
    deactivate: (request, call) => post<unknown>('/license/deactivate', request, () => null, call),
    trial: (request, call) => post('/license/trial', request, (wire) => wire.TrialAnswerSchema, call),
    listActivations: (request, call) => post('/license/activations', request, (wire) => wire.SlotListSchema, call),
    releaseActivation: (request, call) => post('/license/activations/release', request, (wire) => wire.SlotListSchema, call),
  };
}

/** The authority's request id, only if it looks like one (it is shown to users and put in bundles). */
function requestIdOf(headers: Headers): string | null {
  const value = headers.get('x-request-id');
  return isRequestId(value) ? value : null;
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
