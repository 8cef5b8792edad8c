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
 * tries again on a later request.
 */

export interface SigningKeyRing extends SigningKeys {
  /** Brings the keys up to date with the database (read at most once per maxAgeMs); call before signing or publishing. */
  refresh(): Promise<void>;
}

/** How long the keys read from the database are used before it is asked again. */
export const KEY_RING_MAX_AGE_MS = 1000;

export function createSigningKeyRing(
  layout: DataDirLayout,
  storage: Storage,
  initial: SigningKeys,
  maxAgeMs = KEY_RING_MAX_AGE_MS,
  now: () => number = () => performance.now(),
): SigningKeyRing {
  let keys = initial;
  let checkedAt = now();
  let reading: Promise<void> | null = null;

  const reload = async () => {
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
  };
  return {
    get current() {
      return keys.current;
    },
    get published() {
      return keys.published;
    },
    refresh() {
      if (reading) return reading;
      if (now() - checkedAt < maxAgeMs) return Promise.resolve();
      reading = reload()
        .then(() => void (checkedAt = now()))
        // A failed read (a lost database connection) is tried again by the next request, not a second later.
        .finally(() => void (reading = null));
      return reading;
    },
  };
}
