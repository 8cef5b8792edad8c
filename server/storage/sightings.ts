import type { ActivationRecord, Sighting, Storage, StorageOperations } from './storage.ts';
import type { RefusalBuffered } from './refusal-counts.ts';
import { flushSchedule } from './flush-schedule.ts';

/*
 * When each online activation was last seen, and the digest of the certificate it was last handed,
 * are bookkeeping, not promises: no answer depends on them being on disk. So a validate notes them
 * here, in memory, and they are written for every activation about once a second (in transactions of
 * SIGHTINGS_PER_WRITE) and when the storage closes. A crash loses at most the last interval of sightings,
 * never an activation: activate, deactivate and admin changes still commit before they answer.
 *
 * Until written, reads of this process see them (an online device may hand in a deactivation code
 * for the certificate a validate just gave it). A sighting only moves time forward (recordSightings skips one older than what is stored), so a
 * late flush never undoes the durable refresh an activate wrote meanwhile.
 */

export const SIGHTING_FLUSH_MS = 1000;
/** The most sightings one write (one transaction) carries. */
export const SIGHTINGS_PER_WRITE = 250;

type Buffered = 'noteSighting' | 'flushSightings';

/** Writes one batch of sightings; by default one transaction of the storage. */
export type SightingWriter = (batch: readonly Sighting[]) => Promise<void>;

/** Gives a storage its sighting buffer; `close` then writes what is pending before closing. */
// The refusal counters are added on top (refusal-counts.ts), so the storage handed in has none yet.
export function withSightingBuffer<S extends Storage>(
  storage: Omit<S, Buffered | RefusalBuffered>,
  writeSightings: SightingWriter = (batch) => storage.transaction((tx) => tx.recordSightings(batch)),
  flushMs = SIGHTING_FLUSH_MS,
): S {
  const pending = new Map<number, Sighting>();
  // Taken for writing but not yet committed: still what reads must see.
  let writing = new Map<number, Sighting>();

  const seen = <A extends ActivationRecord | undefined>(activation: A): A => {
    // Also for an activation ended since: a deactivation code names the certificate it last held.
    if (!activation) return activation;
    const sighting = pending.get(activation.id) ?? writing.get(activation.id);
    if (!sighting || sighting.at < activation.lastSeenAt) return activation;
    return { ...activation, lastSeenAt: sighting.at, certificateDigest: sighting.certificateDigest };
  };
  const withSightings = <O extends StorageOperations>(operations: O): O => ({
    ...operations,
    findLiveActivation: async (licenseId, instanceId) => seen(await operations.findLiveActivation(licenseId, instanceId)),
    findLicenseWithLiveActivation: async (keyHash, instanceId) => {
      const found = await operations.findLicenseWithLiveActivation(keyHash, instanceId);
      return found && { license: found.license, live: seen(found.live) };
    },
    findLatestActivation: async (licenseId, instanceId) => seen(await operations.findLatestActivation(licenseId, instanceId)),
    findActivation: async (id) => seen(await operations.findActivation(id)),
    listActivations: async (licenseId) => (await operations.listActivations(licenseId)).map(seen),
  });

  const writePending = async () => {
    if (pending.size === 0) return;
    writing = new Map(pending);
    pending.clear();
    const batch = [...writing.values()];
    for (let from = 0; from < batch.length; from += SIGHTINGS_PER_WRITE) {
      const part = batch.slice(from, from + SIGHTINGS_PER_WRITE);
      try {
        await writeSightings(part);
      } catch {
        writing = new Map();
        // Kept for the next flush (unless a newer sighting came meanwhile): a full disk or a lost
        // database connection must not lose them sooner than a crash would.
        for (const sighting of batch.slice(from)) if (!pending.has(sighting.id)) pending.set(sighting.id, sighting);
        later.schedule();
        return;
      }
      for (const sighting of part) writing.delete(sighting.id);
      // A second of a busy server's sightings in one go would hold every answer for tens of
      // milliseconds; in parts, the requests that arrived meanwhile are answered in between.
      if (from + SIGHTINGS_PER_WRITE < batch.length) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const later = flushSchedule(writePending, flushMs);

  const buffered: Pick<Storage, Buffered | 'close' | 'transaction'> = {
    transaction: (work) => storage.transaction((tx) => work(withSightings(tx))),
    noteSighting(sighting: Sighting) {
      const known = pending.get(sighting.id);
      if (known && known.at > sighting.at) return;
      pending.set(sighting.id, sighting);
      later.schedule();
    },
    flushSightings: later.flush,
    async close() {
      later.stop();
      await later.flush();
      await storage.close();
    },
  };
  return { ...withSightings(storage as S), ...buffered } as S;
}
