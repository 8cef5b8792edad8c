import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createOffsetClock } from '../clock.ts';
import { newInstanceId, PLAN, startTestAuthority } from '../../tests/harness/authority/test-authority.ts';
import { countWalCommits } from '../../tests/harness/authority/wal-commits.ts';
import { SIGHTING_FLUSH_MS } from '../storage/sightings.ts';

/*
 * A validate that finds its activation last seen long ago (the everyday case: the app checks in a
 * few times a day) answers without a commit; its last-seen time reaches the file within a second.
 */

const HOUR = 3_600_000;

test('validates of stale activations commit nothing themselves; their last-seen times are written in one batch, and on close', async (t) => {
  const clock = createOffsetClock();
  // The WAL is read to count commits, so it must not be checkpointed (and restarted) meanwhile.
  const authority = await startTestAuthority({ clock, walCheckpoints: 'inline' });
  t.after(() => authority.close().catch(() => {}));
  const database = join(authority.dataDir, 'keyhole.db');
  const storedLastSeen = (instance: string) => {
    const db = new Database(database, { readonly: true });
    try {
      return (db.prepare('SELECT last_seen_at AS at FROM activations WHERE instance_id = ?').get(instance) as { at: number }).at;
    } finally {
      db.close();
    }
  };
  const { key } = await authority.order({ ...PLAN, activation_limit: null });
  const instances = Array.from({ length: 5 }, () => newInstanceId());
  for (const instance of instances) assert.equal((await authority.post('/license/activate', { license_key: key, instance_id: instance })).status, 200);
  const activatedAt = storedLastSeen(instances[0] as string);

  clock.advance(3 * HOUR);
  const before = countWalCommits(database);
  const answers = [];
  for (const instance of instances) answers.push(await authority.post('/license/validate', { license_key: key, instance_id: instance }));
  assert.ok(answers.every((a) => a.status === 200 && a.body.valid === true && a.body.certificate.startsWith('KA-')));
  const shown = Date.parse(answers[0]?.body.activation.last_seen_at);
  assert.ok(shown >= activatedAt + 3 * HOUR, 'the answer shows the new last-seen time');
  assert.equal(countWalCommits(database) - before, 0, 'no commit while answering');
  assert.equal(storedLastSeen(instances[0] as string), activatedAt, 'not yet on disk');

  await new Promise((resolve) => setTimeout(resolve, SIGHTING_FLUSH_MS + 500));
  assert.equal(countWalCommits(database) - before, 1, 'five sightings, one commit');
  assert.ok(instances.every((instance) => storedLastSeen(instance) >= activatedAt + 3 * HOUR));

  clock.advance(3 * HOUR);
  await authority.post('/license/validate', { license_key: key, instance_id: instances[1] });
  await authority.authority.close();
  assert.ok(storedLastSeen(instances[1] as string) >= activatedAt + 6 * HOUR, 'what was pending is written on close');
});
