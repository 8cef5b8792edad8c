import type { ProductConfig } from '../../shared/product/config.ts';
import type { LicenseService } from './license-service.ts';
import type { LicenseSnapshot } from './snapshot.ts';

/*
 * Online re-validation while the app runs: once at start, then every `revalidateEveryHours`; after
 * a failed attempt (unreachable, server error) it retries every `retryMs`, so the app leaves the
 * grace period by itself as soon as the server answers again. Air-gapped and offline activations
 * are never re-validated. Timers run on real time; the license clock (with any test offset) only
 * decides what the answers mean.
 *   KEYHOLE_REVALIDATE_RETRY_MS   overrides the retry interval (E2E: "resumes by itself" quickly)
 */

export const REVALIDATE_RETRY_ENV = 'KEYHOLE_REVALIDATE_RETRY_MS';
const DEFAULT_RETRY_MS = 5 * 60_000;

export interface RevalidationOptions {
  readonly everyMs: number;
  readonly retryMs: number;
  /** Called with every fresh snapshot (to push it to the UI). */
  readonly onStatus: (snapshot: LicenseSnapshot) => void;
  readonly onError?: (error: unknown) => void;
}

export interface Revalidation {
  /** Validates now (if online) and reschedules. */
  runNow(): Promise<void>;
  stop(): void;
}

/** The intervals for a product, with the environment's retry override. */
export function revalidationIntervals(product: ProductConfig, env: NodeJS.ProcessEnv = process.env): { everyMs: number; retryMs: number } {
  const override = Number(env[REVALIDATE_RETRY_ENV]);
  return {
    everyMs: product.revalidateEveryHours * 3_600_000,
    retryMs: Number.isFinite(override) && override > 0 ? override : DEFAULT_RETRY_MS,
  };
}

export function startRevalidation(service: LicenseService, options: RevalidationOptions): Revalidation {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> | null = null;

  function schedule(ms: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runNow(), ms);
    timer.unref();
  }

  async function cycle(): Promise<void> {
    let delay = options.everyMs;
    try {
      const current = await service.getStatus();
      if (current.activation?.mode === 'online' && current.activation.licenseKey !== null) {
        const { outcome, snapshot } = await service.validateNow();
        if (outcome !== 'ok' && outcome !== 'skipped') delay = options.retryMs;
        if (!stopped) options.onStatus(snapshot);
      }
    } catch (error) {
      delay = options.retryMs;
      options.onError?.(error);
    }
    schedule(delay);
  }

  function runNow(): Promise<void> {
    running ??= cycle().finally(() => (running = null));
    return running;
  }

  void runNow();
  return {
    runNow,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
