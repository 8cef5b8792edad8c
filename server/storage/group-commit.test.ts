import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { makeTempDir } from '../../tests/harness/authority/test-authority.ts';
import { countWalCommits } from '../../tests/harness/authority/wal-commits.ts';
import { createGroupCommit } from './group-commit.ts';
import { createSerialQueue } from './serial-queue.ts';
import { openSqliteStorage } from './sqlite-storage.ts';

const FP = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };

test('40 activations arriving together: a few commits instead of 40, the limit exact, each answered only once on disk', async (t) => {
  const dir = makeTempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'keyhole.db');
  const storage = openSqliteStorage(path);
  const plan = await storage.createPlan({ name: 'Pro', activationLimit: 25, expiry: null, mode: 'online', plugins: [], versions: { min: 0, max: null } }, 1);
  await storage.createOrder(plan.id, { id: 5, keyHash: 'h', keyCiphertext: new Uint8Array([1]), expiresAt: null, activationLimit: 25, plan, createdAt: 1 });
  const reader = new Database(path, { readonly: true });
  t.after(() => reader.close());
  const storedElsewhere = () => (reader.prepare('SELECT count(*) AS n FROM activations').get() as { n: number }).n;
  const before = countWalCommits(path);

  const seenAtAnswer: number[] = [];
  const attempts = Array.from({ length: 40 }, (_, i) =>
    storage
      .transaction(async (tx) => {
        const license = await tx.findLicenseById(5);
        await tx.insertActivation({ licenseId: 5, instanceId: `I-${i}`, instanceName: null, metadata: {}, fingerprint: FP, at: 2 });
        // Written first, refused after: the savepoint must take this one's row back, and only it.
        if ((license?.liveActivations ?? 0) >= 25) throw new Error('limit reached');
        return i;
      })
      .then(
        (value) => {
          seenAtAnswer.push(storedElsewhere());
          return value;
        },
        () => 'refused' as const,
      ),
  );
  const results = await Promise.all(attempts);
  const commits = countWalCommits(path) - before;

  assert.equal(results.filter((r) => r !== 'refused').length, 25);
  assert.ok(commits >= 1 && commits < 5, `${commits} commits for 40 transactions`);
  assert.ok(seenAtAnswer.every((n) => n === 25), 'another connection already sees every answered activation');
  assert.equal(await storage.countLiveActivations(5), 25);
  await storage.close();
  const reopened = new Database(path, { readonly: true });
  assert.equal((reopened.prepare('SELECT count(*) AS n FROM activations').get() as { n: number }).n, 25);
  reopened.close();
});

test('a transaction that fails its own rule leaves the others of its batch committed', async (t) => {
  const dir = makeTempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const storage = openSqliteStorage(join(dir, 'keyhole.db'));
  t.after(() => storage.close());
  const outcomes = await Promise.allSettled([
    storage.transaction((tx) => tx.setSetting('a', '1')),
    storage.transaction(async (tx) => {
      await tx.setSetting('b', '1');
      throw new Error('rule failed');
    }),
    storage.transaction((tx) => tx.setSetting('c', '1')),
  ]);
  assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual([await storage.getSetting('a'), await storage.getSetting('b'), await storage.getSetting('c')], ['1', undefined, '1']);
});

test('a batch is answered only when its log sync returns; the next batch runs meanwhile, and a failed sync fails the batch', async (t) => {
  const dir = makeTempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'log.db');
  const db = new Database(path);
  t.after(() => db.close());
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE rows (n INTEGER)');
  const syncs: { release: () => void; fail: (error: Error) => void }[] = [];
  const group = createGroupCommit(db, createSerialQueue(), () => new Promise<void>((release, fail) => void syncs.push({ release, fail })));
  const reader = new Database(path, { readonly: true });
  t.after(() => reader.close());
  const stored = () => (reader.prepare('SELECT count(*) AS n FROM rows').get() as { n: number }).n;
  const turns = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  let firstAnswered = false;
  const first = group.run(async () => void db.prepare('INSERT INTO rows VALUES (1)').run()).then(() => void (firstAnswered = true));
  await turns(5);
  assert.equal(syncs.length, 1, 'the first batch committed and asked for its sync');
  assert.equal(stored(), 1, 'committed: another connection reads it');
  assert.equal(firstAnswered, false, 'not answered before its log is on disk');

  let secondRan = false;
  const second = group.run(async () => {
    secondRan = true;
    db.prepare('INSERT INTO rows VALUES (2)').run();
  });
  await turns(5);
  assert.equal(secondRan, true, 'the next batch ran while the first one synced');
  assert.equal(syncs.length, 2);

  syncs[0]?.release();
  await first;
  assert.equal(firstAnswered, true);
  syncs[1]?.fail(new Error('EIO: fdatasync failed'));
  await assert.rejects(second, /EIO/, 'a batch whose sync failed is not promised');
  await group.drainAll();
});
