import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActivationRecord, Sighting, Storage } from './storage.ts';
import { SIGHTINGS_PER_WRITE, withSightingBuffer } from './sightings.ts';

/*
 * The sighting buffer over a storage that only knows activations by id: what a busy second of
 * validates leaves behind is written in parts, requests run between the parts, every sighting stays
 * readable until its part is written, and a part that fails is kept for the next flush.
 */

const activation = (id: number): ActivationRecord => ({
  id,
  licenseId: 1,
  instanceId: 'X',
  instanceName: null,
  metadata: {},
  fingerprint: { machineId: 0, systemUuid: 0, baseboardSerial: 0, diskSerial: 0, cpu: 0, mac: 0 },
  createdAt: 0,
  lastSeenAt: 0,
  endedAt: null,
  endReason: null,
  endedBy: null,
  certificateDigest: null,
});

function bufferOver(writeSightings: (part: readonly Sighting[]) => Promise<void>) {
  const stored = new Map<number, number>();
  const storage = {
    findActivation: async (id: number) => ({ ...activation(id), lastSeenAt: stored.get(id) ?? 0 }),
    close: async () => {},
  } as unknown as Omit<Storage, 'noteSighting' | 'flushSightings'>;
  const buffered = withSightingBuffer<Storage>(storage as never, async (part) => {
    await writeSightings(part);
    for (const sighting of part) stored.set(sighting.id, sighting.at);
  }, 60_000);
  return { buffered, stored };
}

const COUNT = 2 * SIGHTINGS_PER_WRITE + 100;
const sighting = (id: number): Sighting => ({ id, at: 1000 + id, certificateDigest: `d${id}` });

test('a flush writes its sightings in parts, lets other work run between them, and each stays readable until written', async () => {
  const parts: number[] = [];
  let ranBetween = 0;
  const seenDuringFirstWrite: number[] = [];
  const { buffered, stored } = bufferOver(async (part) => {
    parts.push(part.length);
    if (parts.length === 1) {
      // The last sighting is in a later part: reads must still see it.
      seenDuringFirstWrite.push((await buffered.findActivation(COUNT))?.lastSeenAt ?? -1);
      setImmediate(() => ranBetween++);
    }
  });
  for (let id = 1; id <= COUNT; id++) buffered.noteSighting(sighting(id));
  await buffered.flushSightings();

  assert.deepEqual(parts, [SIGHTINGS_PER_WRITE, SIGHTINGS_PER_WRITE, 100]);
  assert.equal(ranBetween, 1, 'a callback queued during the first part ran before the flush ended');
  assert.deepEqual(seenDuringFirstWrite, [1000 + COUNT]);
  assert.equal(stored.size, COUNT);
  assert.equal((await buffered.findActivation(7))?.lastSeenAt, 1007, 'after the flush, read from the storage');
});

test('when a part fails, it and the parts after it are written by the next flush, and none is lost meanwhile', async () => {
  const parts: number[] = [];
  let failNext = false;
  const { buffered, stored } = bufferOver(async (part) => {
    parts.push(part.length);
    if (parts.length === 2 && !failNext) {
      failNext = true;
      throw new Error('disk full');
    }
  });
  for (let id = 1; id <= COUNT; id++) buffered.noteSighting(sighting(id));
  await buffered.flushSightings();
  assert.equal(stored.size, SIGHTINGS_PER_WRITE, 'the first part is on disk');
  assert.equal((await buffered.findActivation(COUNT))?.lastSeenAt, 1000 + COUNT, 'an unwritten sighting is still read');

  await buffered.flushSightings();
  assert.deepEqual(parts, [SIGHTINGS_PER_WRITE, SIGHTINGS_PER_WRITE, SIGHTINGS_PER_WRITE, 100]);
  assert.equal(stored.size, COUNT);
});
