import { fallbackCode } from '../../shared/errors/catalog.ts';
import { KeyholeError, type ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import type { CertificatePayload } from '../../shared/license/certificate.ts';
import { verifyActivationCode, type PublicKeySet } from '../../shared/license/signing.ts';
import { pluginCatalog, type ProductConfig } from '../../shared/product/config.ts';
import type { AuthorityClient } from '../authority/authority-client.ts';
import type { Clock } from '../clock.ts';
import type { LicenseStore } from '../store/license-store.ts';
import { appendEvent, type LicenseEvent } from '../store/license-state.ts';
import type { MachineProvider } from './current-machine.ts';

/** Everything the license service is built from; all injectable (tests, E2E, Electron glue). */
export interface LicenseServiceDeps {
  readonly store: LicenseStore;
  readonly machine: MachineProvider;
  readonly clock: Clock;
  readonly authority: AuthorityClient;
  readonly product: ProductConfig;
  readonly keySet: PublicKeySet;
  /** The running app's semver version. */
  readonly appVersion: string;
  /** Sent as instance_name on activation (e.g. the host name, if the user allows). */
  readonly instanceName?: string;
  /** Sent as metadata.os, e.g. "linux 6.8.0 x64". */
  readonly os?: string;
}

export type VerifiedCertificate = { readonly payload: CertificatePayload } | { readonly error: ErrorInfo };

/** The deps plus the helpers every action shares. */
export interface ServiceContext extends LicenseServiceDeps {
  readonly catalog: readonly string[];
  /** Verifies a certificate text; never throws. */
  verify(code: string): Promise<VerifiedCertificate>;
  /** Appends one event to the store's log (time defaults to the service clock). */
  record(event: Omit<LicenseEvent, 'at'>): void;
}

export function createServiceContext(deps: LicenseServiceDeps): ServiceContext {
  const catalog = pluginCatalog(deps.product);
  // Every evaluation verifies the stored certificate; the same text under the same keys and catalog
  // always verifies the same way, so the last answer is kept (a signature check is the costliest
  // step of an evaluation, and the host asks again right after start-up and on every tick).
  let last: { readonly code: string; readonly verified: Promise<VerifiedCertificate> } | null = null;
  async function verifyNow(code: string): Promise<VerifiedCertificate> {
    try {
      return { payload: (await verifyActivationCode(code, deps.keySet, catalog)).payload };
    } catch (error) {
      return { error: asKeyholeError(error).toInfo() };
    }
  }
  return {
    ...deps,
    catalog,
    verify(code) {
      if (last?.code !== code) last = { code, verified: verifyNow(code) };
      return last.verified;
    },
    record(event) {
      deps.store.update((state) => ({ ...state, events: appendEvent(state.events, { ...event, at: deps.clock.now() }) }));
    },
  };
}

/**
 * Any thrown value as a KeyholeError. The authority client names every server problem itself, so
 * anything else is a defect inside the app (INTERNAL_ERROR, with its message for the log).
 */
export function asKeyholeError(error: unknown): KeyholeError {
  return error instanceof KeyholeError ? error : new KeyholeError(fallbackCode('app'), error instanceof Error ? error.message : String(error));
}

/** The HTTP status and latency a client error carries, for the event log. */
/** What an event records of one call to the authority: status, time taken, the authority's request id. */
export interface CallFacts {
  readonly httpStatus: number | null;
  readonly latencyMs: number | null;
  readonly requestId?: string;
}

/** The facts of a call the authority answered. */
export function answerFacts(answer: { httpStatus: number; latencyMs: number; requestId: string | null }): CallFacts {
  return { httpStatus: answer.httpStatus, latencyMs: answer.latencyMs, ...(answer.requestId === null ? {} : { requestId: answer.requestId }) };
}

/** The facts of a failed call, from the error's details. */
export function callFacts(error: KeyholeError): CallFacts {
  const { httpStatus, latencyMs, requestId } = error.details ?? {};
  return {
    httpStatus: typeof httpStatus === 'number' ? httpStatus : null,
    latencyMs: typeof latencyMs === 'number' ? latencyMs : null,
    ...(typeof requestId === 'string' ? { requestId } : {}),
  };
}

/** The outcome a store records for a failed call. */
export function outcomeOf(error: KeyholeError): 'unreachable' | KeyholeError['code'] {
  return error.code === 'SERVER_UNREACHABLE' ? 'unreachable' : error.code;
}
