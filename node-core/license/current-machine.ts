import { FINGERPRINT_COMPONENTS } from '../../shared/license/fingerprint.ts';
import { collectFingerprint, describeCollection, fingerprintOfHashes, type MachineFingerprint } from '../fingerprint/collect-fingerprint.ts';
import type { ComponentTimings, IdentifierSource } from '../fingerprint/identifier-source.ts';
import { resolveInstance } from '../instance/instance-id.ts';
import type { LicenseStore } from '../store/license-store.ts';
import { appendEvent } from '../store/license-state.ts';

/*
 * "This machine" for the license checks: its fingerprint and its Instance ID (persisted on first
 * computation, re-derived only when the store was copied to another machine: see instance-id.ts).
 * Reading the hardware takes a good part of a second, so start-up decides from the fingerprint the
 * store kept and re-reads the hardware in the background; a machine that changed meanwhile is
 * announced through onChange, and the next evaluation acts on it (a mismatch, explained).
 *
 * Only what is shown may rest on the stored fingerprint. Whatever speaks for this machine — to the
 * authority (activate, validate, deactivate, trial) or as a proof it hands out (request and
 * deactivation codes) — asks for the `confirmed` machine, which waits for that hardware read: a
 * store copied to another computer must never give up or use the original machine's slot.
 */

export interface CurrentMachine {
  readonly instanceId: string;
  readonly fingerprint: MachineFingerprint;
}

export interface MachineProvider {
  /**
   * The cached machine; `confirmed` is the machine as its hardware says (waiting for the
   * background read, never the stored fingerprint).
   */
  get(options?: { confirmed?: boolean }): Promise<CurrentMachine>;
  /** Called when a background re-read found other hardware than the store had; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export interface MachineProviderOptions {
  readonly source: IdentifierSource;
  readonly productId: string;
  readonly store: LicenseStore;
  readonly now: () => number;
  /** How long a collected fingerprint is re-used (default 10 minutes). */
  readonly ttlMs?: number;
  readonly log?: (line: string) => void;
  /** Told after each collection (the structured debug log line: timings, never values). */
  readonly onCollected?: (fingerprint: MachineFingerprint) => void;
}

const NO_TIMINGS = Object.fromEntries(FINGERPRINT_COMPONENTS.map((name) => [name, 0])) as ComponentTimings;

function sameHashes(a: MachineFingerprint['hashes'], b: MachineFingerprint['hashes']): boolean {
  return FINGERPRINT_COMPONENTS.every((name) => a[name] === b[name]);
}

export function createMachineProvider(options: MachineProviderOptions): MachineProvider {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const { store } = options;
  const listeners = new Set<() => void>();
  let cached: { at: number; fingerprint: Promise<MachineFingerprint> } | null = null;
  let checking = false;
  // The background read behind a decision taken on the stored fingerprint, while it runs.
  let confirming: Promise<MachineFingerprint> | null = null;

  /** Keeps what the hardware said; tells the listeners when it differs from what was decided on. */
  function remember(result: MachineFingerprint, decidedOn: MachineFingerprint | null): void {
    const kept = store.state.fingerprint;
    if (!kept || !sameHashes(fingerprintOfHashes(kept.hashes, result).hashes, result.hashes)) {
      store.update((state) => ({ ...state, fingerprint: { at: options.now(), hashes: result.hashes } }));
    }
    if (decidedOn && !sameHashes(decidedOn.hashes, result.hashes)) {
      for (const listener of listeners) listener();
    }
  }

  function collect(decidedOn: MachineFingerprint | null): Promise<MachineFingerprint> {
    const pending = collectFingerprint(options.source, options.productId);
    pending.then(
      (result) => {
        options.log?.(describeCollection(result));
        options.onCollected?.(result);
        cached = { at: Date.now(), fingerprint: pending };
        remember(result, decidedOn);
      },
      (error: unknown) => {
        options.log?.(`fingerprint: ${error instanceof Error ? error.message : String(error)}`);
        if (!decidedOn) cached = null;
      },
    );
    return pending;
  }

  function fingerprint(confirmed: boolean): Promise<MachineFingerprint> {
    const kept = store.state.fingerprint;
    if (!confirmed && cached === null && kept) {
      // Decide from the store now; the hardware answers in the background.
      const stored = fingerprintOfHashes(kept.hashes, { timings: NO_TIMINGS, failed: [], sourceKind: 'stored' });
      cached = { at: Date.now(), fingerprint: Promise.resolve(stored) };
      checking = true;
      // After this turn, so the first evaluation is in before the hardware probes start.
      const read = new Promise<MachineFingerprint>((resolve, reject) => {
        setImmediate(() => void collect(stored).then(resolve, reject));
      });
      confirming = read.finally(() => {
        checking = false;
        confirming = null;
      });
      confirming.catch(() => {});
      return cached.fingerprint;
    }
    if (confirmed && confirming) {
      // An unreadable hardware leaves the stored fingerprint in place, as for the evaluation.
      return confirming.catch(() => (cached as NonNullable<typeof cached>).fingerprint);
    }
    if (cached === null || (!checking && Date.now() - cached.at > ttlMs)) {
      const pending = collect(null);
      cached = { at: Date.now(), fingerprint: pending };
    }
    return cached.fingerprint;
  }

  return {
    async get({ confirmed = false } = {}) {
      const machine = await fingerprint(confirmed);
      const { record, origin } = resolveInstance(store.state.instance, options.productId, machine.hashes);
      if (origin !== 'stored') {
        const at = options.now();
        const previous = store.state.instance?.id;
        store.update((state) => ({
          ...state,
          instance: { id: record.id, basis: record.basis, seed: record.seed },
          events:
            origin === 'moved'
              ? appendEvent(state.events, { at, action: 'instance_moved', outcome: 'LICENSE_MISMATCH', httpStatus: null, latencyMs: null, note: `Instance ID ${previous} → ${record.id}: the store came from another machine` })
              : state.events,
        }));
        // An ID made from a random seed (no machine id, UUID or other component to derive it from)
        // cannot be made again: it is handed out only once it is on disk, or a second run of a
        // process that ended at once would show the user another.
        if (record.seed) await store.flushed();
      }
      return { instanceId: record.id, fingerprint: machine };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
