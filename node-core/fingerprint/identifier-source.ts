import { readFile } from 'node:fs/promises';
import { FINGERPRINT_COMPONENTS, type FingerprintComponent } from '../../shared/license/fingerprint.ts';

/*
 * Where raw machine identifiers come from. The real source asks the operating system
 * (systeminformation-source.ts); tests and the app's E2E inject a fixed set instead, so a
 * "different machine" is one JSON file away. Raw values stay inside node-core/fingerprint:
 * they are hashed by collect-fingerprint.ts and never logged or returned.
 */

/** Raw identifier per component; null when not readable (or junk, see junk-values.ts). */
export type RawIdentifiers = { [C in FingerprintComponent]: string | null };
/** Milliseconds each component took to read (for the debug line; 0 for injected sources). */
export type ComponentTimings = { [C in FingerprintComponent]: number };

export interface RawCollection {
  readonly values: RawIdentifiers;
  readonly timings: ComponentTimings;
  /** Components whose read failed or timed out (by name only). */
  readonly failed: readonly FingerprintComponent[];
}

export interface IdentifierSource {
  /** Names the source in diagnostics: 'systeminformation', 'file', 'static'. */
  readonly kind: string;
  collect(): Promise<RawCollection>;
}

/** The environment variable that swaps the real source for a JSON file of raw values. */
export const FINGERPRINT_FILE_ENV = 'KEYHOLE_FINGERPRINT_FILE';

function fromPartial(values: Partial<Record<string, unknown>>): RawIdentifiers {
  const entries = FINGERPRINT_COMPONENTS.map((name) => {
    const value = values[name];
    return [name, typeof value === 'string' && value !== '' ? value : null];
  });
  return Object.fromEntries(entries) as RawIdentifiers;
}

function zeroTimings(): ComponentTimings {
  return Object.fromEntries(FINGERPRINT_COMPONENTS.map((name) => [name, 0])) as ComponentTimings;
}

/** A fixed component set, e.g. `{ machineId: 'a', mac: '00:11:…' }`; missing ones are unreadable. */
export function staticIdentifierSource(values: Partial<RawIdentifiers>): IdentifierSource {
  return {
    kind: 'static',
    collect: async () => ({ values: fromPartial(values), timings: zeroTimings(), failed: [] }),
  };
}

/**
 * Raw values from a JSON file (`{"machineId": "…", "mac": "…"}`), re-read on every collection so a
 * test can swap the machine under a running app. A missing or broken file is an error: a test that
 * asked for a fake machine must not silently get the real one.
 */
export function fileIdentifierSource(path: string): IdentifierSource {
  return {
    kind: 'file',
    async collect() {
      const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error(`${FINGERPRINT_FILE_ENV} must name a JSON object of component values: ${path}`);
      }
      return { values: fromPartial(parsed as Record<string, unknown>), timings: zeroTimings(), failed: [] };
    },
  };
}

/**
 * The file source when KEYHOLE_FINGERPRINT_FILE is set explicitly, else the given real source.
 * Only an explicit, non-empty setting is honoured.
 */
export function identifierSourceFromEnv(env: NodeJS.ProcessEnv, real: () => IdentifierSource): IdentifierSource {
  const path = env[FINGERPRINT_FILE_ENV];
  return path ? fileIdentifierSource(path) : real();
}
