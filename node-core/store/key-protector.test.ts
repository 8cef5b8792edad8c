import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { keyFileProtector, safeStorageKeyProtector, type SafeStorageLike } from './key-protector.ts';
import { openLicenseStore } from './open-license-store.ts';

/** Stands in for Electron's safeStorage: a keyring secret that plain Node does not have. */
function keyring(backend: string, available = true): SafeStorageLike {
  const secret = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(blob) {
      const decipher = createDecipheriv('aes-256-gcm', secret, blob.subarray(0, 12));
      decipher.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('key protection', () => {
  test('reports the backend and whether it is weak', () => {
    assert.equal(safeStorageKeyProtector(keyring('gnome_libsecret'), 'linux')?.weak, false);
    assert.deepEqual([safeStorageKeyProtector(keyring('basic_text'), 'linux')?.backend, safeStorageKeyProtector(keyring('basic_text'), 'linux')?.weak], ['basic_text', true]);
    assert.equal(safeStorageKeyProtector(keyring('x'), 'darwin')?.backend, 'keychain');
    assert.equal(safeStorageKeyProtector(keyring('x'), 'win32')?.backend, 'dpapi');
    assert.equal(safeStorageKeyProtector(keyring('x', false), 'linux'), null);
    assert.equal(keyFileProtector().weak, true);
  });

  test('a key file from plain Node is re-wrapped by the keyring, and the store stays readable', async (t) => {
    const dir = tempDir(t);
    const plain = openLicenseStore({ dir }).store;
    plain.update((s) => ({ ...s, highestTimeSeen: 42 }));
    await plain.flushed();
    const protector = safeStorageKeyProtector(keyring('kwallet5'), 'linux');
    assert.ok(protector);
    const { store, problem } = openLicenseStore({ dir, protector });
    assert.equal(problem, null);
    assert.equal(store.state.highestTimeSeen, 42);
    assert.equal(JSON.parse(readFileSync(join(dir, 'license.key.json'), 'utf8')).backend, 'kwallet5');
    assert.equal(openLicenseStore({ dir, protector }).store.state.highestTimeSeen, 42);
  });

  test('a keyring-protected store opened without that keyring is kept aside, naming the backend', async (t) => {
    const dir = tempDir(t);
    const protector = safeStorageKeyProtector(keyring('gnome_libsecret'), 'linux');
    assert.ok(protector);
    const kept = openLicenseStore({ dir, protector }).store;
    kept.update((s) => ({ ...s, highestTimeSeen: 42 }));
    await kept.flushed();
    const { store, problem } = openLicenseStore({ dir });
    assert.equal(problem?.code, 'STORE_UNREADABLE');
    assert.match(problem?.hint ?? '', /protected by 'gnome_libsecret'/);
    assert.equal(store.state.recovery?.keptAside.length, 2, 'the store and its key file are both kept');
  });
});
