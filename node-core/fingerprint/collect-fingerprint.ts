import { createHash, createHmac } from 'node:crypto';
import {
  compactFingerprint,
  FINGERPRINT_COMPONENTS,
  type CompactFingerprint,
  type FingerprintComponent,
  type FingerprintHashes,
} from '../../shared/license/fingerprint.ts';
import type { ComponentTimings, IdentifierSource, RawIdentifiers } from './identifier-source.ts';
import { cleanIdentifier } from './junk-values.ts';

/*
 * Turns raw identifiers into salted hashes, the only form that leaves this folder. The salt is the
 * product id, so two products on one machine see unrelated fingerprints and a hash from one
 * vendor's database says nothing to another's.
 */

/** Hardware identifiers; a machine without any readable one (a container, most VMs) is weak. */
const HARDWARE_COMPONENTS: readonly FingerprintComponent[] = ['systemUuid', 'baseboardSerial', 'diskSerial'];

export interface MachineFingerprint {
  readonly hashes: FingerprintHashes;
  readonly compact: CompactFingerprint;
  /** Components that were readable (names only). */
  readonly available: readonly FingerprintComponent[];
  /** No hardware identifier was readable: matching rests on the OS machine id, CPU and MAC. */
  readonly weak: boolean;
  readonly timings: ComponentTimings;
  readonly failed: readonly FingerprintComponent[];
  readonly sourceKind: string;
}

/** The salt every hash of this product uses. */
export function fingerprintSalt(productId: string): string {
  return `keyhole-fingerprint-v1:${productId}`;
}

/** HMAC-SHA256(salt, component name + value) per readable component. */
export function hashIdentifiers(salt: string, values: RawIdentifiers): FingerprintHashes {
  const entries = FINGERPRINT_COMPONENTS.map((name) => {
    const value = cleanIdentifier(name, values[name]);
    return [name, value === null ? null : createHmac('sha256', salt).update(`${name}\n${value}`).digest('hex')];
  });
  return Object.fromEntries(entries) as FingerprintHashes;
}

/** Reads the source and hashes what it found. */
export async function collectFingerprint(source: IdentifierSource, productId: string): Promise<MachineFingerprint> {
  const raw = await source.collect();
  return fingerprintOfHashes(hashIdentifiers(fingerprintSalt(productId), raw.values), { timings: raw.timings, failed: raw.failed, sourceKind: source.kind });
}

/** The fingerprint these hashes stand for (a collection's, or the one the store kept). */
export function fingerprintOfHashes(
  given: Partial<Record<FingerprintComponent, string | null>>,
  collection: Pick<MachineFingerprint, 'timings' | 'failed' | 'sourceKind'>,
): MachineFingerprint {
  const hashes = Object.fromEntries(FINGERPRINT_COMPONENTS.map((name) => [name, given[name] ?? null])) as FingerprintHashes;
  return {
    hashes,
    compact: compactFingerprint(hashes),
    available: FINGERPRINT_COMPONENTS.filter((name) => hashes[name] !== null),
    weak: !HARDWARE_COMPONENTS.some((name) => hashes[name] !== null),
    ...collection,
  };
}

/** One debug line: ms and readable/empty per component, never a value. */
export function describeCollection(fingerprint: MachineFingerprint): string {
  const parts = FINGERPRINT_COMPONENTS.map((name) => {
    const state = fingerprint.hashes[name] ? 'ok' : fingerprint.failed.includes(name) ? 'failed' : 'empty';
    return `${name}=${fingerprint.timings[name]}ms(${state})`;
  });
  return `fingerprint via ${fingerprint.sourceKind}${fingerprint.weak ? ' (weak)' : ''}: ${parts.join(' ')}`;
}

/** A short digest of several hashes, for deriving ids. */
export function digestOf(...parts: string[]): Uint8Array {
  return new Uint8Array(createHash('sha256').update(parts.join('\n')).digest());
}
