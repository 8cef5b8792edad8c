import { isErrorCode } from '../../shared/errors/catalog.ts';
import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import type { MachineFingerprint } from '../fingerprint/collect-fingerprint.ts';
import type { LicenseStore } from '../store/license-store.ts';
import type { LicenseEvent } from '../store/license-state.ts';
import type { Logger } from './logger.ts';

/*
 * What the core logs, in one place: every license event the store records (activate, validate,
 * deactivate, key change, instance moved, store kept aside) becomes a log line as it is written,
 * and every fingerprint collection a debug line with ms per component (names and timings only).
 * The store's event ring stays the source: the log follows it instead of every action logging
 * for itself, so the two can never disagree.
 */

const same = (a: LicenseEvent | undefined, b: LicenseEvent | undefined) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The events `next` appended to `previous`. The ring drops its oldest entries when full, so the
 * answer is the shortest tail of `next` whose remainder is the end of `previous`.
 */
export function appendedEvents(previous: readonly LicenseEvent[], next: readonly LicenseEvent[]): LicenseEvent[] {
  for (let added = 0; added <= next.length; added++) {
    const kept = next.length - added;
    if (kept > previous.length) continue;
    const offset = previous.length - kept;
    let matches = true;
    for (let i = 0; i < kept && matches; i++) matches = same(next[i], previous[offset + i]);
    if (matches) return next.slice(kept);
  }
  return [...next];
}

export function logLicenseEvent(logger: Logger, event: LicenseEvent): void {
  const failed = event.outcome !== 'ok';
  logger.log(failed ? 'warn' : 'info', 'license.event', {
    action: event.action,
    outcome: event.outcome,
    code: isErrorCode(event.outcome) ? event.outcome : event.outcome === 'unreachable' ? 'SERVER_UNREACHABLE' : null,
    httpStatus: event.httpStatus,
    latencyMs: event.latencyMs,
    requestId: event.requestId ?? null,
    detail: event.note,
  });
}

/** Logs each event as the store records it; returns the unsubscribe function. */
export function followLicenseEvents(store: LicenseStore, logger: Logger): () => void {
  return store.onUpdate((previous, next) => {
    for (const event of appendedEvents(previous.events, next.events)) logLicenseEvent(logger, event);
  });
}

/** The store was kept aside when it was opened (before anything could follow its events). */
export function logStoreKeptAside(logger: Logger, problem: ErrorInfo): void {
  const files = problem.details?.['keptAside'];
  logger.warn('store.kept_aside', {
    code: problem.code,
    detail: problem.hint ?? null,
    files: Array.isArray(files) ? files.map(String) : [],
  });
}

/** One debug line per collection: how long each component took and whether it was readable. */
export function logFingerprintCollected(logger: Logger, fingerprint: MachineFingerprint): void {
  logger.debug('fingerprint.collected', {
    source: fingerprint.sourceKind,
    weak: fingerprint.weak,
    ms: fingerprint.timings,
    readable: fingerprint.available,
    failed: fingerprint.failed,
  });
}
