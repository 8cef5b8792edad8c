import { randomBytes } from 'node:crypto';
import { instanceIdFromDigest } from '../../shared/format/instance-id.ts';
import type { FingerprintComponent, FingerprintHashes } from '../../shared/license/fingerprint.ts';
import { digestOf } from '../fingerprint/collect-fingerprint.ts';

/*
 * The Instance ID: derived once from the strongest identifiers this machine has, then kept in the
 * store and re-used, so a new network card, a BIOS update or a reboot never changes it.
 *   basis: the OS machine id and the system UUID when readable; else every readable component;
 *          else a random per-install seed (kept in the store).
 * It is derived afresh only when the store was evidently copied to another machine: every basis
 * component that is readable now differs from what the store recorded. Then the copy gets its own
 * ID (and its certificate shows a mismatch) instead of sharing the original's activation slot.
 */

const PREFERRED_BASIS: readonly FingerprintComponent[] = ['machineId', 'systemUuid'];

/** What the store keeps about the Instance ID. */
export interface InstanceRecord {
  readonly id: string;
  /** Prefixes of the salted hashes the id was derived from, to notice a copied store. */
  readonly basis: Partial<Record<FingerprintComponent, string>>;
  /** Only when no component was readable: the random seed the id came from. */
  readonly seed: string | null;
}

export interface ResolvedInstance {
  readonly record: InstanceRecord;
  /** 'stored' re-used, 'derived' first computation, 'moved' re-derived after a copy. */
  readonly origin: 'stored' | 'derived' | 'moved';
}

const BASIS_PREFIX = 16;

/** Derives a fresh record from this machine's hashes (deterministic unless nothing is readable). */
export function deriveInstance(productId: string, hashes: FingerprintHashes, makeSeed = () => randomBytes(16).toString('hex')): InstanceRecord {
  const readable = (Object.keys(hashes) as FingerprintComponent[]).filter((name) => hashes[name] !== null);
  const preferred = PREFERRED_BASIS.filter((name) => hashes[name] !== null);
  const basisNames = preferred.length > 0 ? preferred : readable;
  const basis = Object.fromEntries(basisNames.map((name) => [name, (hashes[name] as string).slice(0, BASIS_PREFIX)]));
  const seed = basisNames.length === 0 ? makeSeed() : null;
  const parts = basisNames.map((name) => `${name}=${hashes[name]}`);
  const id = instanceIdFromDigest(digestOf('keyhole-instance-v1', productId, ...parts, seed ?? ''));
  return { id, basis, seed };
}

/** True when every basis component readable now differs from the record: the store moved. */
export function storeWasMoved(record: InstanceRecord, hashes: FingerprintHashes): boolean {
  const comparable = (Object.keys(record.basis) as FingerprintComponent[]).filter((name) => hashes[name] !== null);
  return comparable.length > 0 && comparable.every((name) => hashes[name]?.slice(0, BASIS_PREFIX) !== record.basis[name]);
}

/** The Instance ID to use now, given what the store holds (persisting it is the caller's job). */
export function resolveInstance(stored: InstanceRecord | null, productId: string, hashes: FingerprintHashes): ResolvedInstance {
  if (stored === null) return { record: deriveInstance(productId, hashes), origin: 'derived' };
  if (storeWasMoved(stored, hashes)) return { record: deriveInstance(productId, hashes), origin: 'moved' };
  return { record: stored, origin: 'stored' };
}
