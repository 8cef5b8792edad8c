import { CATALOG } from '../../shared/errors/catalog.ts';
import { isLeasedMode } from '../../shared/license/certificate.ts';
import type { LicenseState } from '../../shared/license/evaluate.ts';
import type { LicenseService } from './license-service.ts';
import { nextRetryAt, type RetryPolicy } from './retry-schedule.ts';
import type { LicenseSnapshot } from './snapshot.ts';

/*
 * Online re-validation while the app runs. An online license is validated at start, then when the
 * product's schedule says it is due (`nextValidationAt`); after a validation that failed in a way
 * a retry can fix (unreachable, a server error, rate limited) it retries with exponential backoff
 * and full jitter from `retryMs` up to `retryCapMs`, never sooner than the authority's Retry-After
 * (retry-schedule.ts), so a fleet does not stampede an authority coming back from an outage and
 * everything resumes by itself once it answers. While the clock looks set back it asks every
 * `retryMs`. Between validations the stored license is re-evaluated
 * on every tick, so the grace countdown and the end of the lease show up without a click.
 * Air-gapped and offline activations never call out. Timers run on real time; the license clock
 * (with any test offset) only decides what the answers mean.
 */

/**
 * States where asking the server can change the outcome. A clock set back is one: a fresh signed
 * answer resets the highest time seen to the authority's time, so once the clock is right again
 * the next validation ends the rollback state by itself.
 */
const WORTH_ASKING: ReadonlySet<LicenseState> = new Set(['active', 'grace', 'lease_expired', 'expired', 'clock_rollback']);
/** States retried every `retryMs` rather than on the product's schedule. */
const RETRY_SOON: ReadonlySet<LicenseState> = new Set(['grace', 'lease_expired', 'clock_rollback']);

export interface RevalidationOptions {
  /** Called with every fresh snapshot (to push it to the screens). */
  readonly onStatus: (snapshot: LicenseSnapshot) => void;
  /** How often to re-evaluate (default one minute). */
  readonly tickMs?: number;
  /** The first retry step after a failed validation, and the pace while the clock looks set back (default five minutes). */
  readonly retryMs?: number;
  /** The longest wait between retries (default twelve steps: an hour with the default step). */
  readonly retryCapMs?: number;
  /** Real time for the schedule (injectable for tests); the license clock only decides what answers mean. */
  readonly now?: () => number;
  /** The jitter's randomness, [0, 1) (injectable for tests). */
  readonly random?: () => number;
  readonly log?: (line: string) => void;
}

export interface Revalidation {
  /** Checks now as at start (validates an online license worth asking about); resolves when done. */
  runNow(): Promise<void>;
  /** One scheduled check, as the timer makes it (validates only when due); resolves when done. */
  checkNow(): Promise<void>;
  stop(): void;
}

export function startRevalidation(service: LicenseService, options: RevalidationOptions): Revalidation {
  const tickMs = options.tickMs ?? 60_000;
  const retryMs = options.retryMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const policy: RetryPolicy = { baseMs: retryMs, capMs: options.retryCapMs ?? retryMs * 12, random: options.random ?? Math.random };
  // Failures in a row that a retry can fix, and when the next attempt may go out.
  let failures = 0;
  let retryAt = 0;
  let running: Promise<void> | null = null;
  let stopped = false;

  function due(snapshot: LicenseSnapshot, first: boolean): boolean {
    const { state, certificate } = snapshot.status;
    if (!snapshot.activation?.licenseKey || !isLeasedMode(certificate?.mode) || !WORTH_ASKING.has(state)) return false;
    if (first) return true;
    if (failures > 0 || RETRY_SOON.has(state)) return now() >= retryAt;
    return snapshot.nextValidationAt !== null && snapshot.now >= snapshot.nextValidationAt;
  }

  async function check(first: boolean): Promise<void> {
    try {
      let snapshot = await service.getStatus();
      if (due(snapshot, first)) {
        const at = now();
        let outcome;
        try {
          outcome = await service.validateNow();
        } finally {
          // A throw counts as a failure a retry may fix; the catch below logs it.
          if (!outcome || (outcome.error !== null && CATALOG[outcome.error.code].retryable)) {
            failures += 1;
            retryAt = nextRetryAt(at, failures, outcome?.error ?? null, policy);
          } else {
            failures = 0;
            retryAt = at + retryMs;
          }
        }
        snapshot = outcome.snapshot;
      }
      if (!stopped) options.onStatus(snapshot);
    } catch (error) {
      options.log?.(`license revalidation: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** One check at a time: a tick that comes while one runs joins it. */
  function tick(first: boolean): Promise<void> {
    if (stopped) return Promise.resolve();
    running ??= check(first).finally(() => (running = null));
    return running;
  }

  void tick(true);
  const timer = setInterval(() => void tick(false), tickMs);
  timer.unref();
  return {
    runNow: () => tick(true),
    checkNow: () => tick(false),
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
