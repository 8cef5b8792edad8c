import type { DataDirLayout } from '../data-dir.ts';
import type { Storage } from '../storage/storage.ts';
import { signingKeyState, signingKeysFrom, type SigningKeys } from './signing-keys.ts';

/*
 * The signing keys of a running authority, kept in step with the database. Several processes share
 * one database (PostgreSQL) and one data dir's files, and `authority rotate-key` / `sign-with` may
 * run in the CLI on any machine; the database is the version. `refresh()` is one small read: when
 * the published keys or the chosen signing key differ from the ones in use, the keys are loaded
 * again from the files. Until the signing key's file can be read here (a data dir not yet copied to
 * this machine), the process keeps signing with the key it has, which every app still trusts, and
 * tries again on the next request.
 */

export interface SigningKeyRing extends SigningKeys {
  /** Brings the keys up to date with the database; call before signing or publishing. */
  refresh(): Promise<void>;
}

export function createSigningKeyRing(layout: DataDirLayout, storage: Storage, initial: SigningKeys): SigningKeyRing {
  let keys = initial;
  return {
    get current() {
      return keys.current;
    },
    get published() {
      return keys.published;
    },
    async refresh() {
      const state = await signingKeyState(storage);
      const signing = state.records.find((record) => record.id === state.signingId) ?? state.records[state.records.length - 1];
      if (!signing || (signing.id === keys.current.id && state.records.length === keys.published.length)) return;
      try {
        keys = signingKeysFrom(layout, state);
      } catch {
        // The signing key's file is not here yet: keep signing with the current key (see above),
        // but publish what the database publishes.
        keys = { current: keys.current, published: state.records.map(({ id, publicKey }) => ({ id, publicKey })) };
      }
    },
  };
}
