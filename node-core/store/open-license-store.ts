import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { $ZodError } from 'zod/v4/core';
import { KeyholeError, type ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import { createDataKey, DataKeyProblem, readDataKey } from './data-key.ts';
import { keepAside } from './keep-aside.ts';
import { keyFileProtector, type KeyProtector } from './key-protector.ts';
import { appendEvent, emptyLicenseState, type LicenseStateData } from './license-state.ts';
import { LicenseStore, parseStoredState } from './license-store.ts';
import { confBackend, lazyStoreWriter, readStoreFile, storeFilePath, type CreateStoreBackend, type StoreBackendOptions } from './store-file.ts';
import { isConfSealed, openConfSealed, seal, SEALED_PREFIX, SealBroken, unseal } from './sealed-text.ts';

/*
 * Opening never silently clears (conf's clearInvalidConfig is off) and never stops the app: a store
 * that cannot be read (damaged, truncated, edited, wrong or missing data key) is renamed to
 * `<name>.unreadable-<timestamp>.json`, a fresh store takes its place, and the fresh store records
 * the recovery so STORE_UNREADABLE is shown, across restarts, until the user activates again.
 */

/** When the store's writer is loaded if no write asked for it before. */
const PRELOAD_AFTER_MS = 1000;

export interface OpenLicenseStoreOptions {
  /** The folder for `<name>.json` and `<name>.key.json`. */
  readonly dir: string;
  readonly name?: string;
  /** safeStorage inside Electron; the 0600 key file by default. */
  readonly protector?: KeyProtector;
  readonly createBackend?: CreateStoreBackend;
  readonly now?: () => number;
}

export interface OpenedLicenseStore {
  readonly store: LicenseStore;
  /** STORE_UNREADABLE when this open had to keep a file aside; also kept in `state.recovery`. */
  readonly problem: ErrorInfo | null;
}

function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SealBroken) {
    return 'the file failed its integrity check: it was damaged, truncated or edited, or encrypted with another key';
  }
  if (error instanceof SyntaxError) return 'the decrypted content is not valid JSON';
  if (error instanceof $ZodError) return 'the content does not have the expected layout';
  return `the file could not be read (${message})`;
}

/** Opens (or creates) the license store in `options.dir`. */
export function openLicenseStore(options: OpenLicenseStoreOptions): OpenedLicenseStore {
  const name = options.name ?? 'license';
  const now = options.now ?? Date.now;
  const protector = options.protector ?? keyFileProtector();
  const createBackend = options.createBackend ?? confBackend;
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  // conf's own file options; the path the store is read from follows from them (store-file.ts).
  const fileOptions = { name, configName: name, cwd: options.dir, fileExtension: 'json' } as const;
  const storePath = storeFilePath(fileOptions);
  const keyPath = join(options.dir, `${name}.key.json`);
  const keptAside: string[] = [];
  let hint: string | null = null;

  let key: Uint8Array | null = null;
  try {
    key = readDataKey(keyPath, protector);
    if (key === null && existsSync(storePath)) hint = 'the data key file that encrypts it is missing';
  } catch (error) {
    if (!(error instanceof DataKeyProblem)) throw error;
    hint = error.message;
  }
  if (key === null) {
    for (const path of [storePath, keyPath]) {
      const moved = keepAside(path, now());
      if (moved) keptAside.push(moved);
    }
    key = createDataKey(keyPath, protector);
  }

  const dataKey = key;
  /** The text of the store file, sealed in the current format or (read once) in conf's earlier one. */
  const openText = (text: string): string => {
    if (text.startsWith(SEALED_PREFIX)) return unseal(dataKey, text);
    // conf hands over the file as UTF-8, which mangles the earlier binary format: read the bytes.
    const bytes = new Uint8Array(readFileSync(storePath));
    if (!isConfSealed(bytes)) throw new SealBroken('the file is not a sealed Keyhole store');
    return openConfSealed(dataKey, bytes);
  };
  // conf seals nothing itself: with an encryptionKey it would run PBKDF2 on every read and write.
  const backendOptions: StoreBackendOptions = {
    ...fileOptions,
    serialize: (value) => seal(dataKey, JSON.stringify(value)),
    deserialize: (text) => JSON.parse(openText(text)) as Record<string, unknown>,
    clearInvalidConfig: false,
    configFileMode: 0o600,
    accessPropertiesByDotNotation: false,
    watch: false,
  };

  let state: LicenseStateData | null;
  try {
    state = parseStoredState(readStoreFile(backendOptions));
  } catch (error) {
    hint ??= explain(error);
    const moved = keepAside(storePath, now());
    if (moved) keptAside.push(moved);
    state = null;
  }

  const writer = lazyStoreWriter(createBackend, backendOptions);
  // conf is loaded a second after start-up, off its path, so that later changes go to disk at
  // once; a process that only reads and exits never loads it.
  setTimeout(() => writer.preload(), PRELOAD_AFTER_MS).unref();
  const store = new LicenseStore(writer, state ?? emptyLicenseState(), { backend: protector.backend, weak: protector.weak });
  if (hint === null) return { store, problem: null };

  const at = now();
  // On disk at once: the damaged file is already renamed, so a process killed before its writer
  // loads would leave no store at all, and the next start would show "not activated" instead of
  // why the activation is gone and where the old file was kept.
  store.update(
    (current) => ({
      ...current,
      recovery: { at, hint: hint as string, keptAside },
      events: appendEvent(current.events, { at, action: 'store_unreadable', outcome: 'STORE_UNREADABLE', httpStatus: null, latencyMs: null, note: keptAside.join(', ') || null }),
    }),
    { durable: true },
  );
  return { store, problem: storeProblem(store.state) };
}

/** The STORE_UNREADABLE error a recorded recovery stands for, or null. */
export function storeProblem(state: LicenseStateData): ErrorInfo | null {
  if (!state.recovery) return null;
  return new KeyholeError('STORE_UNREADABLE', state.recovery.hint, { keptAside: state.recovery.keptAside }).toInfo();
}
