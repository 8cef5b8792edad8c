import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { openLicenseStore } from './open-license-store.ts';
import { emptyLicenseState, EVENT_LOG_SIZE } from './license-state.ts';
import { readDataKey } from './data-key.ts';
import { keyFileProtector } from './key-protector.ts';
import { seal, SEALED_PREFIX } from './sealed-text.ts';

const KEY = 'KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE';

/** Activates the store in `dir` and waits until that is on disk (a process's first write waits for conf to load). */
async function activate(dir: string) {
  const { store } = openLicenseStore({ dir });
  store.update((s) => ({ ...s, activation: { certificate: 'KA-TEST', licenseKey: KEY, mode: 'online', activatedAt: 1 } }));
  await store.flushed();
  return store;
}

function files(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe('license store: normal use', () => {
  test('a new store starts empty, keeps what was saved, and is encrypted at rest', async (t) => {
    const dir = tempDir(t);
    const first = openLicenseStore({ dir });
    assert.equal(first.problem, null);
    assert.deepEqual(first.store.state, emptyLicenseState());
    await activate(dir);
    const again = openLicenseStore({ dir });
    assert.equal(again.problem, null);
    assert.equal(again.store.state.activation?.licenseKey, KEY);
    const raw = readFileSync(join(dir, 'license.json'));
    assert.ok(!raw.includes(Buffer.from('KH-AAAAA')), 'the license key is not readable in the file');
    assert.equal(again.store.keyProtection.backend, 'key_file');
    if (process.platform !== 'win32') {
      assert.equal(statSync(join(dir, 'license.key.json')).mode & 0o777, 0o600);
      assert.equal(statSync(join(dir, 'license.json')).mode & 0o777, 0o600);
    }
  });

  test('the highest time seen only moves forward and survives a restart', async (t) => {
    const dir = tempDir(t);
    const { store } = openLicenseStore({ dir });
    store.observeTime(2_000_000);
    await store.flushed();
    store.observeTime(1_000_000);
    assert.equal(store.state.highestTimeSeen, 2_000_000);
    store.observeTime(2_030_000); // within a minute: in memory only
    assert.equal(store.state.highestTimeSeen, 2_030_000);
    assert.equal(openLicenseStore({ dir }).store.state.highestTimeSeen, 2_000_000);
    store.observeTime(2_100_000);
    assert.equal(openLicenseStore({ dir }).store.state.highestTimeSeen, 2_100_000);
  });

  test('the event log keeps the last 50 events', (t) => {
    const { store } = openLicenseStore({ dir: tempDir(t) });
    const event = (at: number) => ({ at, action: 'validate', outcome: 'ok' as const, httpStatus: 200, latencyMs: 3, note: null });
    // One write for most of them (each write costs a key derivation), then the ring through recordEvent.
    store.update((s) => ({ ...s, events: Array.from({ length: EVENT_LOG_SIZE }, (_, i) => event(i)) }));
    for (let i = EVENT_LOG_SIZE; i < EVENT_LOG_SIZE + 5; i++) store.recordEvent(event(i));
    assert.equal(store.state.events.length, EVENT_LOG_SIZE);
    assert.equal(store.state.events[0]?.at, 5);
  });
});

describe('license store: the sealed format', () => {
  const FIXTURE = join(import.meta.dirname, 'fixtures', 'pbkdf2-store');

  test('a store written by the earlier format (conf, PBKDF2) opens with nothing lost and is rewritten on the next write', async (t) => {
    const dir = tempDir(t);
    cpSync(FIXTURE, dir, { recursive: true });
    const earlier = readFileSync(join(dir, 'license.json'));
    const { store, problem } = openLicenseStore({ dir });
    assert.equal(problem, null);
    assert.equal(store.state.activation?.licenseKey, KEY);
    assert.equal(store.state.activation?.certificate, 'KA-FIXTURE-CERTIFICATE');
    assert.equal(store.state.instance?.id, 'KI-FIXTURE-0001');
    assert.equal(store.state.events.length, 1);
    assert.deepEqual(readFileSync(join(dir, 'license.json')), earlier, 'opening alone writes nothing');

    store.update((s) => ({ ...s, highestTimeSeen: 1764550800000 }));
    await store.flushed();
    assert.ok(readFileSync(join(dir, 'license.json'), 'utf8').startsWith(SEALED_PREFIX), 'the next write uses the new format');
    const again = openLicenseStore({ dir });
    assert.equal(again.problem, null);
    assert.equal(again.store.state.activation?.licenseKey, KEY);
    assert.equal(again.store.state.highestTimeSeen, 1764550800000);
  });

  test('a damaged store in the earlier format is still STORE_UNREADABLE, kept aside, with the integrity hint', (t) => {
    const dir = tempDir(t);
    cpSync(FIXTURE, dir, { recursive: true });
    const path = join(dir, 'license.json');
    const bytes = readFileSync(path);
    bytes[bytes.length - 30]! ^= 0x01;
    writeFileSync(path, bytes);
    const { store, problem } = openLicenseStore({ dir });
    assert.equal(problem?.code, 'STORE_UNREADABLE');
    assert.match(problem?.hint ?? '', /integrity check/);
    assert.equal(store.state.activation, null);
    assert.equal(store.state.recovery?.keptAside.length, 1);
  });

  test('a store that opens but does not have the layout (sealed with its own key) is STORE_UNREADABLE, saying so', (t) => {
    const dir = tempDir(t);
    const { store } = openLicenseStore({ dir });
    const key = readDataKey(join(dir, 'license.key.json'), keyFileProtector());
    assert.ok(key);
    writeFileSync(store.path, seal(key, JSON.stringify({ ...emptyLicenseState(), events: 'none' })));
    const { problem } = openLicenseStore({ dir });
    assert.equal(problem?.code, 'STORE_UNREADABLE');
    assert.equal(problem?.hint, 'the content does not have the expected layout');
  });

  test('the file is sealed with the data key itself: AES-256-GCM, a fresh nonce per write, no key derivation', async (t) => {
    const dir = tempDir(t);
    const store = await activate(dir);
    const key = Buffer.from(JSON.parse(readFileSync(join(dir, 'license.key.json'), 'utf8')).key, 'base64');
    const open = () => {
      const bytes = Buffer.from(readFileSync(join(dir, 'license.json'), 'utf8').slice(SEALED_PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12)).setAAD(Buffer.from('keyhole-store/2'));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return { nonce: bytes.subarray(0, 12).toString('hex'), state: JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')) };
    };
    const first = open();
    assert.equal(first.state.activation.licenseKey, KEY);
    store.update((s) => ({ ...s, highestTimeSeen: 7 }));
    await store.flushed();
    const second = open();
    assert.equal(second.state.highestTimeSeen, 7);
    assert.notEqual(second.nonce, first.nonce);
  });
});

describe('license store: damaged files are kept aside, reported, and a fresh store works', () => {
  const damages: Array<[string, (dir: string) => void]> = [
    ['a flipped byte in the ciphertext', (dir) => {
      const path = join(dir, 'license.json');
      const bytes = readFileSync(path);
      bytes[bytes.length - 30]! ^= 0x01;
      writeFileSync(path, bytes);
    }],
    ['plain JSON written over it (an edited file)', (dir) => {
      const state = { ...emptyLicenseState(), activation: { certificate: 'KA-FORGED', licenseKey: null, mode: 'offline', activatedAt: 1 } };
      writeFileSync(join(dir, 'license.json'), JSON.stringify(state));
    }],
    ['truncation to half', (dir) => {
      const path = join(dir, 'license.json');
      truncateSync(path, Math.floor(statSync(path).size / 2));
    }],
    ['an empty file', (dir) => writeFileSync(join(dir, 'license.json'), '')],
    ['another installation\'s key file', (dir) => {
      const other = join(dir, 'other');
      openLicenseStore({ dir: other });
      writeFileSync(join(dir, 'license.key.json'), readFileSync(join(other, 'license.key.json')));
    }],
    ['a damaged key file', (dir) => writeFileSync(join(dir, 'license.key.json'), '{"format":"keyhole-data-key/1","backe')],
    ['a missing key file', (dir) => rmSync(join(dir, 'license.key.json'))],
  ];

  for (const [name, damage] of damages) {
    test(name, async (t) => {
      const dir = tempDir(t);
      await activate(dir);
      damage(dir);
      const damagedBytes = readFileSync(join(dir, 'license.json'));
      const before = files(dir);

      const { store, problem } = openLicenseStore({ dir, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
      assert.equal(problem?.code, 'STORE_UNREADABLE');
      assert.equal(store.state.activation, null, 'nothing from the damaged file is used');
      const keptAside = store.state.recovery?.keptAside ?? [];
      assert.ok(keptAside.some((path) => /license\.unreadable-20260102T030405000Z\.json$/.test(path)), keptAside.join());
      const keptStore = keptAside.find((path) => /license\.unreadable-/.test(path)) as string;
      assert.deepEqual(readFileSync(keptStore), damagedBytes, 'the damaged file is kept byte for byte');
      // Nothing was deleted: every file that was there is still there, under its own or a new name.
      assert.ok(files(dir).length >= before.length, `${before} → ${files(dir)}`);
      assert.match(problem?.hint ?? '', /\w/);

      // The fresh store works, and the recovery notice survives a restart until re-activation.
      store.update((s) => ({ ...s, highestTimeSeen: 5 }));
      await store.flushed();
      const reopened = openLicenseStore({ dir });
      assert.equal(reopened.problem, null, 'no new problem on the next start');
      assert.equal(reopened.store.state.highestTimeSeen, 5);
      assert.deepEqual(reopened.store.state.recovery?.keptAside, keptAside);
      assert.equal(reopened.store.state.events.at(-1)?.outcome, 'STORE_UNREADABLE');
    });
  }
});
