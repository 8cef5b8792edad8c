import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTempDir } from '../../tests/harness/authority/test-authority.ts';
import { hourOf } from './refusal-counts.ts';
import { openSqliteStorage } from './sqlite-storage.ts';

/* Refusals are counted in memory and written together: a burst of refusals is one transaction, not one write each. */

test('a burst of refusals is one write about a second later, and close writes what is pending', async () => {
  const dir = makeTempDir();
  const path = join(dir, 'keyhole.db');
  const storage = openSqliteStorage(path);
  try {
    const now = Date.UTC(2030, 0, 1, 10, 30);
    for (let i = 0; i < 500; i++) storage.noteRefusal(i % 5 === 0 ? 'LICENSE_EXPIRED' : 'ACTIVATION_LIMIT_REACHED', now);
    assert.deepEqual(await storage.countRefusals(hourOf(now)), [], 'nothing written on the refused requests\' path');
    await storage.flushRefusals();
    assert.deepEqual(await storage.countRefusals(hourOf(now)), [
      { code: 'ACTIVATION_LIMIT_REACHED', count: 400 },
      { code: 'LICENSE_EXPIRED', count: 100 },
    ]);
    storage.noteRefusal('LICENSE_EXPIRED', now);
  } finally {
    await storage.close();
  }
  const reopened = openSqliteStorage(path);
  try {
    assert.deepEqual(await reopened.countRefusals(0), [
      { code: 'ACTIVATION_LIMIT_REACHED', count: 400 },
      { code: 'LICENSE_EXPIRED', count: 101 },
    ], 'close wrote the last one');
  } finally {
    await reopened.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
