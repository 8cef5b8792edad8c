import { isLeasedMode } from '../../shared/license/certificate.ts';
import type { LicenseState } from '../../shared/license/evaluate.ts';
import type { LicenseService } from './license-service.ts';
import type { LicenseSnapshot } from './snapshot.ts';

/*
 * Online re-validation while the app runs. An online license is validated at start, then when the
 * product's schedule says it is due (`nextValidationAt`); while the server cannot be reached (grace,
 * or the lease already ended) or the clock looks set back it retries every `retryMs`, so everything
 * resumes by itself once the server answers. Between validations the stored license is re-evaluated
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
  /** How often to retry the server while it is unreachable or the clock looks set back (default five minutes). */
  readonly retryMs?: number;
  readonly log?: (line: string) => void;
}

export interface Revalidation {
  /** Checks now as at start (validates an online license worth asking about); resolves when done. */
  runNow(): Promise<void>;
  stop(): void;
}

export function startRevalidation(service: LicenseService, options: RevalidationOptions): Revalidation {
  const tickMs = options.tickMs ?? 60_000;
  const retryMs = options.retryMs ?? 5 * 60_000;
  let lastAttempt = 0;
  let running: Promise<void> | null = null;
  let stopped = false;

  function due(snapshot: LicenseSnapshot, first: boolean): boolean {
    const { state, certificate } = snapshot.status;
    if (!snapshot.activation?.licenseKey || !isLeasedMode(certificate?.mode) || !WORTH_ASKING.has(state)) return false;
    if (first) return true;
    if (RETRY_SOON.has(state)) return Date.now() - lastAttempt >= retryMs;
    return snapshot.nextValidationAt !== null && snapshot.now >= snapshot.nextValidationAt;
  }

  async function check(first: boolean): Promise<void> {
    try {
      let snapshot = await service.getStatus();
      if (due(snapshot, first)) {
        lastAttempt = Date.now();
        snapshot = (await service.validateNow()).snapshot;
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
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
