import { collectFingerprint, describeCollection, type MachineFingerprint } from '../fingerprint/collect-fingerprint.ts';
import type { IdentifierSource } from '../fingerprint/identifier-source.ts';
import { resolveInstance } from '../instance/instance-id.ts';
import type { LicenseStore } from '../store/license-store.ts';
import { appendEvent } from '../store/license-state.ts';

/*
 * "This machine" for the license checks: its fingerprint (collected once and cached, since the
 * systeminformation probes take a good part of a second) and its Instance ID (persisted on first
 * computation, re-derived only when the store was copied to another machine: see instance-id.ts).
 */

export interface CurrentMachine {
  readonly instanceId: string;
  readonly fingerprint: MachineFingerprint;
}

export interface MachineProvider {
  /** The cached machine; `fresh` collects the fingerprint again. */
  get(options?: { fresh?: boolean }): Promise<CurrentMachine>;
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

export function createMachineProvider(options: MachineProviderOptions): MachineProvider {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  let cached: { at: number; fingerprint: Promise<MachineFingerprint> } | null = null;

  async function fingerprint(fresh: boolean): Promise<MachineFingerprint> {
    const at = Date.now();
    if (fresh || cached === null || at - cached.at > ttlMs) {
      const pending = collectFingerprint(options.source, options.productId);
      cached = { at, fingerprint: pending };
      pending.then(
        (result) => {
          options.log?.(describeCollection(result));
          options.onCollected?.(result);
        },
        () => (cached = null),
      );
    }
    return cached.fingerprint;
  }

  return {
    async get({ fresh = false } = {}) {
      const machine = await fingerprint(fresh);
      const { store } = options;
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
      }
      return { instanceId: record.id, fingerprint: machine };
    },
  };
}
