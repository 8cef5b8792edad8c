import type { LicenseState } from '../../shared/license/evaluate.ts';
import type { LicenseService } from '../license/license-service.ts';
import type { LicenseSnapshot } from '../license/snapshot.ts';

/*
 * Online licenses validate on start and then on the product's schedule; while the server cannot be
 * reached (grace, or the lease already ended) or the clock looks set back they retry more often,
 * so everything resumes by itself once it answers. Between validations the stored license is
 * re-evaluated on every tick, so the grace countdown and the end of the lease show up without a click.
 */

/**
 * States where asking the server can change the outcome. A clock set back is one: a fresh signed
 * answer resets the highest time seen to the authority's time, so once the clock is right again
 * the next validation ends the rollback state by itself.
 */
const WORTH_ASKING: ReadonlySet<LicenseState> = new Set(['active', 'grace', 'lease_expired', 'expired', 'clock_rollback']);
/** States retried every `retryMs` rather than on the product's schedule. */
const RETRY_SOON: ReadonlySet<LicenseState> = new Set(['grace', 'lease_expired', 'clock_rollback']);

export interface WatchOptions {
  readonly service: LicenseService;
  readonly onSnapshot: (snapshot: LicenseSnapshot) => void;
  /** How often to re-evaluate (default one minute). */
  readonly tickMs?: number;
  /** How often to retry the server while it is unreachable (default five minutes). */
  readonly retryMs?: number;
  readonly log?: (line: string) => void;
}

export function watchLicense(options: WatchOptions): { stop(): void } {
  const tickMs = options.tickMs ?? 60_000;
  const retryMs = options.retryMs ?? 5 * 60_000;
  let lastAttempt = 0;
  let running = false;
  let stopped = false;

  function due(snapshot: LicenseSnapshot, first: boolean): boolean {
    const { state, certificate } = snapshot.status;
    if (!snapshot.activation?.licenseKey || certificate?.mode !== 'online' || !WORTH_ASKING.has(state)) return false;
    if (first) return true;
    if (RETRY_SOON.has(state)) return Date.now() - lastAttempt >= retryMs;
    return snapshot.nextValidationAt !== null && snapshot.now >= snapshot.nextValidationAt;
  }

  async function tick(first: boolean): Promise<void> {
    if (running || stopped) return;
    running = true;
    try {
      let snapshot = await options.service.getStatus();
      if (due(snapshot, first)) {
        lastAttempt = Date.now();
        snapshot = (await options.service.validateNow()).snapshot;
      }
      if (!stopped) options.onSnapshot(snapshot);
    } catch (error) {
      options.log?.(`license watch: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  }

  void tick(true);
  const timer = setInterval(() => void tick(false), tickMs);
  timer.unref?.();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
