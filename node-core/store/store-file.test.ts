import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Conf from 'conf';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { openLicenseStore } from './open-license-store.ts';
import { confBackend, storeFilePath, type CreateStoreBackend, type StoreBackend, type StoreBackendOptions } from './store-file.ts';

/* The store read without conf, and conf loaded for the first write. */

const KEY = 'KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE';
const activation = { certificate: 'KA-TEST', licenseKey: KEY, mode: 'online' as const, activatedAt: 1 };

/** conf, whose loading ends only when `release()` is called; counts the loads asked for. */
function heldBackend() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  const create: CreateStoreBackend = (options, load) => {
    if (!load) return null;
    asked++;
    return gate.then(() => confBackend(options, true)!);
  };
  return { create, release: () => release(), asked: () => asked };
}

describe('license store without conf at start-up', () => {
  test('opening reads what conf wrote, at the path conf resolves, without asking for conf', async (t) => {
    const dir = tempDir(t);
    const writer = openLicenseStore({ dir });
    writer.store.update((state) => ({ ...state, activation }));
    await writer.store.flushed();

    const held = heldBackend();
    const reopened = openLicenseStore({ dir, createBackend: held.create });
    assert.equal(reopened.store.state.activation?.licenseKey, KEY);
    assert.equal(held.asked(), 0, 'no backend for a read');
    assert.equal(reopened.store.path, join(dir, 'license.json'));
    const elsewhere: StoreBackendOptions = { name: 'license', configName: 'license', cwd: tempDir(t), fileExtension: 'json' };
    assert.equal(storeFilePath(elsewhere), new Conf(elsewhere).path, 'the path conf itself resolves');
  });

  test('a write before conf is loaded lands when it is; flushed() waits for it; later writes go through at once', async (t) => {
    const dir = tempDir(t);
    const held = heldBackend();
    const { store } = openLicenseStore({ dir, createBackend: held.create });
    store.update((state) => ({ ...state, activation }));
    store.observeTime(5_000_000);
    assert.equal(store.state.activation?.licenseKey, KEY, 'the change is current in memory at once');
    assert.equal(held.asked(), 0, 'a write alone does not load conf (start-up writes never do)');
    const flushed = store.flushed();
    assert.equal(held.asked(), 1, 'waiting for the write loads it');
    assert.equal(existsSync(join(dir, 'license.json')), false, 'not on disk before conf is there');
    held.release();
    await flushed;
    assert.equal(held.asked(), 1, 'one backend for all the writes');
    const reopened = openLicenseStore({ dir }).store.state;
    assert.deepEqual([reopened.activation?.licenseKey, reopened.highestTimeSeen], [KEY, 5_000_000], 'the latest state carries every kept write');

    store.update((state) => ({ ...state, activation: null }));
    assert.equal(openLicenseStore({ dir }).store.state.activation, null, 'written through once conf is loaded');
  });

  test('a durable write before conf is loaded is on disk at once, and conf, loaded after, neither loses nor overwrites it', async (t) => {
    const dir = tempDir(t);
    const held = heldBackend();
    const { store } = openLicenseStore({ dir, createBackend: held.create });
    store.observeTime(5_000_000);
    const flushed = store.flushed(); // an older kept write, still waiting for conf
    store.update((state) => ({ ...state, activation }), { durable: true });
    assert.equal(openLicenseStore({ dir }).store.state.activation?.licenseKey, KEY, 'on disk before update() returned');
    if (process.platform !== 'win32') assert.equal(statSync(join(dir, 'license.json')).mode & 0o777, 0o600, 'with the mode conf gives the file');
    held.release();
    await flushed;
    assert.deepEqual(openLicenseStore({ dir }).store.state.activation?.licenseKey, KEY, 'the kept older write did not replace it');

    store.update((state) => ({ ...state, activation: null }));
    assert.equal(openLicenseStore({ dir }).store.state.activation, null, 'conf writes the same file after it');
  });

  test('a backend that fails to load is reported by flushed(); the next write tries again with the whole state', async (t) => {
    const dir = tempDir(t);
    let fail = true;
    const create: CreateStoreBackend = async (options): Promise<StoreBackend> => {
      if (fail) throw new Error('disk gone');
      return confBackend(options, true)!;
    };
    const { store } = openLicenseStore({ dir, createBackend: create });
    store.update((state) => ({ ...state, activation }));
    await assert.rejects(store.flushed(), /disk gone/);
    fail = false;
    store.observeTime(7_000_000);
    await store.flushed();
    const reopened = openLicenseStore({ dir }).store.state;
    assert.deepEqual([reopened.activation?.licenseKey, reopened.highestTimeSeen], [KEY, 7_000_000]);
  });

  test('a backend that would write elsewhere is refused rather than splitting the store', async (t) => {
    const dir = tempDir(t);
    const { store } = openLicenseStore({ dir, createBackend: async (options) => confBackend({ ...options, configName: 'elsewhere' }, true)! });
    store.update((state) => ({ ...state, activation }));
    await assert.rejects(store.flushed(), /writes .*elsewhere\.json, not .*license\.json/);
  });
});
