import assert from 'node:assert/strict';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { makeTempDir } from '../../tests/harness/authority/test-authority.ts';
import { openSqliteStorage, type SqliteOptions } from './sqlite-storage.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

const PLAN = { name: 'P', activationLimit: null, expiry: null, mode: 'online', plugins: [], versions: { min: 0, max: null }, releaseLimit: null } as const;

/** The database file's size once `writes` plans were committed and `waitMs` passed. */
async function mainFileGrowth(options: SqliteOptions, writes: number, waitMs: number): Promise<number> {
  const dir = makeTempDir();
  const path = join(dir, 'keyhole.db');
  try {
    await openSqliteStorage(path).close(); // closing checkpoints: the file starts complete
    const before = statSync(path).size;
    const storage = openSqliteStorage(path, options);
    for (let i = 0; i < writes; i++) await storage.createPlan({ ...PLAN, name: `Plan ${i} ${'x'.repeat(300)}` }, Date.now());
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    const grown = statSync(path).size - before;
    await storage.close();
    return grown;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('background WAL checkpoints', () => {
  test('a serving storage gets its commits into the database file within a moment, without a checkpoint inside any commit', async () => {
    const failures: string[] = [];
    // 300 small commits stay far below SQLite's own 1000-page threshold: without the thread, the
    // pages wait in the WAL; with it, they are copied into the file by a background pass.
    assert.equal(await mainFileGrowth({}, 300, 600), 0, 'no automatic checkpoint this early');
    assert.ok((await mainFileGrowth({ backgroundCheckpoints: { onFailure: (reason) => failures.push(reason) } }, 300, 600)) > 0);
    assert.deepEqual(failures, []);
  });

  test('when the thread cannot work, the connection takes automatic checkpoints back and the reason is reported', async () => {
    const dir = makeTempDir();
    const db = new Database(join(dir, 'keyhole.db'));
    try {
      db.pragma('journal_mode = WAL');
      const reasons: string[] = [];
      let reportedNow: () => void = () => undefined;
      const reported = new Promise<void>((resolve) => (reportedNow = resolve));
      const checkpointer = startWalCheckpointer(db, join(dir, 'missing.db'), {
        intervalMs: 50,
        onFailure: (reason) => {
          reasons.push(reason);
          reportedNow();
        },
      });
      // The thread never keeps a process alive; this test's own timer does, for at most 5 s.
      const deadline = setTimeout(reportedNow, 5000);
      await reported;
      clearTimeout(deadline);
      await checkpointer.stop();
      assert.match(reasons[0] ?? '', /checkpoint thread failed/);
      assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
