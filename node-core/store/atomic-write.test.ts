import { test } from 'node:test';
import assert from 'node:assert/strict';
import { killChildWhen } from '../../tests/harness/core/child-process.ts';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { openLicenseStore } from './open-license-store.ts';

test('a process killed in the middle of writing leaves a readable store with everything it confirmed', async (t) => {
  const dir = tempDir(t);
  const stdout = await killChildWhen('store-writer.ts', [dir], (out) => out.split('\n').length > 12);
  const confirmed = Math.max(...stdout.split('\n').filter(Boolean).map(Number));
  const { store, problem } = openLicenseStore({ dir });
  assert.equal(problem, null, 'the store is readable after the crash');
  assert.ok((store.state.highestTimeSeen ?? 0) >= confirmed, `${store.state.highestTimeSeen} >= ${confirmed}`);
});
