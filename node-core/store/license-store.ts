import { appendEvent, LicenseStateSchema, type LicenseEvent, type LicenseStateData } from './license-state.ts';
import type { StoreWriter } from './store-file.ts';

/*
 * The local license state on conf (electron-store inside Electron: it extends conf, so the same
 * options work and the glue passes electron-store as `createBackend`). The whole file
 * is sealed with AES-256-GCM under the random data key (./sealed-text.ts, through conf's
 * serialize/deserialize), whose authentication tag makes any edit, truncation or foreign key fail
 * to open: that is how tampering is detected. conf writes atomically
 * (`atomically`: temp file + rename). The state is read once when opened (without conf, see
 * store-file.ts) and kept in memory; this process is the only writer, and every change is written
 * through at once once conf is loaded (before that, when something waits for it: see flushed()).
 */

/** The highest time seen is written at most this often (the rollback tolerance is 10 minutes). */
const TIME_PERSIST_STEP_MS = 60_000;

export interface KeyProtection {
  readonly backend: string;
  readonly weak: boolean;
}

/** Parses what conf read; an empty object is a new store. Throws on anything else that does not fit. */
export function parseStoredState(raw: Record<string, unknown>): LicenseStateData | null {
  const { __internal__: _internal, ...rest } = raw;
  if (Object.keys(rest).length === 0) return null;
  return LicenseStateSchema.parse(rest);
}

/** Told after every written change (the logger follows the event log this way). */
export type StoreListener = (previous: LicenseStateData, next: LicenseStateData) => void;

export class LicenseStore {
  readonly keyProtection: KeyProtection;
  #writer: StoreWriter;
  #listeners = new Set<StoreListener>();
  #state: LicenseStateData;
  #persistedHighest: number | null;

  constructor(writer: StoreWriter, state: LicenseStateData, keyProtection: KeyProtection) {
    this.#writer = writer;
    this.#state = state;
    this.#persistedHighest = state.highestTimeSeen;
    this.keyProtection = keyProtection;
  }

  /** The store file (for diagnostics and support bundles). */
  get path(): string {
    return this.#writer.path;
  }

  /** Settles when every change so far is on disk (before a short-lived process exits). */
  flushed(): Promise<void> {
    return this.#writer.flushed();
  }

  get state(): LicenseStateData {
    return this.#state;
  }

  /**
   * Applies a change and writes the whole state at once (atomically). `durable`: on disk before this
   * returns, also in a process's first second, before its writer has loaded (see store-file.ts).
   */
  update(change: (state: LicenseStateData) => LicenseStateData, options: { readonly durable?: boolean } = {}): LicenseStateData {
    const next = LicenseStateSchema.parse(change(this.#state));
    if (options.durable) this.#writer.writeNow({ ...next });
    else this.#writer.write({ ...next });
    const previous = this.#state;
    this.#state = next;
    this.#persistedHighest = next.highestTimeSeen;
    for (const listener of this.#listeners) {
      try {
        listener(previous, next);
      } catch {
        // A listener (logging) must never undo or fail a write that already happened.
      }
    }
    return next;
  }

  /** Calls `listener` after every written change; returns the unsubscribe function. */
  onUpdate(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Moves the highest wall-clock time seen forward (never back); written at most once a minute.
   * Only a freshly signed authority answer sets it back, to the authority's time (online activation
   * and validation write `highestTimeSeen` with the certificate they store).
   */
  observeTime(now: number): void {
    const highest = this.#state.highestTimeSeen;
    if (!Number.isFinite(now) || (highest !== null && now <= highest)) return;
    const persisted = this.#persistedHighest;
    if (persisted === null || now - persisted >= TIME_PERSIST_STEP_MS) {
      this.update((state) => ({ ...state, highestTimeSeen: now }));
    } else {
      this.#state = { ...this.#state, highestTimeSeen: now };
    }
  }

  /** Adds one entry to the event ring (the last 50 are kept). */
  recordEvent(event: LicenseEvent): void {
    this.update((state) => ({ ...state, events: appendEvent(state.events, event) }));
  }
}
