import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

test('a store found damaged is reported across restarts even when the process that found it is killed at once', async (t) => {
  const dir = tempDir(t);
  const { store } = openLicenseStore({ dir });
  store.update((state) => ({ ...state, activation: { certificate: 'KA-TEST', licenseKey: null, mode: 'offline', activatedAt: 1 } }));
  await store.flushed();
  writeFileSync(join(dir, 'license.json'), 'damaged');

  const stdout = await killChildWhen('open-store.ts', [dir], (out) => out.includes('\n'));
  assert.deepEqual(JSON.parse(stdout), { code: 'STORE_UNREADABLE' });
  const next = openLicenseStore({ dir });
  assert.equal(next.store.state.recovery?.hint, 'the file failed its integrity check: it was damaged, truncated or edited, or encrypted with another key');
  assert.match(next.store.state.recovery?.keptAside.join() ?? '', /license\.unreadable-.*\.json/, 'the next start still says where the damaged file was kept');
  assert.equal(next.store.state.events.at(-1)?.outcome, 'STORE_UNREADABLE');
});
