import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Options as ConfOptions } from 'conf';

/*
 * conf (electron-store in Electron) is the store's writer; reading needs none of it. Start-up reads
 * the sealed file here, at the path conf resolves from the same options and through the same
 * deserializer conf is handed, so loading conf and its schema validator (ajv) waits for the first
 * write, or for a moment after start-up (preload). A write made before conf is loaded is kept and
 * written the moment it is: every write is the whole state, so the latest one carries all before
 * it; `flushed()` says when. After that, writes go through at once and a failure throws to the
 * caller, as conf's own do.
 */

/** The conf surface the store uses. */
export interface StoreBackend {
  readonly path: string;
  store: Record<string, unknown>;
}

/** conf options plus `name`, which electron-store reads instead of `configName`. */
export type StoreBackendOptions = ConfOptions<Record<string, unknown>> & { readonly name: string };

/**
 * Makes the writing backend, asked for on the first write: at once when its module is loaded
 * already, else as a promise that loads it first.
 */
export type CreateStoreBackend = (options: StoreBackendOptions) => StoreBackend | Promise<StoreBackend>;

let ConfClass: typeof import('conf').default | null = null;

/** Plain Node: conf itself, loaded when the first write of this process needs it (electron-store in Electron: it extends conf, so the same options work). */
export const confBackend: CreateStoreBackend = (options) => {
  if (ConfClass) return new ConfClass<Record<string, unknown>>(options);
  return import('conf').then(({ default: Conf }) => {
    ConfClass = Conf;
    return new Conf<Record<string, unknown>>(options);
  });
};

/** Where conf puts the file for these options (its #resolvePath: `cwd/configName.fileExtension`). */
export function storeFilePath(options: StoreBackendOptions): string {
  const extension = options.fileExtension ? `.${options.fileExtension.replace(/^\.+/, '')}` : '';
  return resolve(options.cwd ?? '.', `${options.configName ?? 'config'}${extension}`);
}

/** What conf's `store` getter returns for these options: the deserialized file, `{}` when there is none. */
export function readStoreFile(options: StoreBackendOptions): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(storeFilePath(options), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const deserialize = options.deserialize ?? ((value: string) => JSON.parse(value) as Record<string, unknown>);
  return { ...deserialize(text) };
}

/** The store's writer: conf created on the first write. */
export interface StoreWriter {
  readonly path: string;
  /** Writes the whole state (at once when conf is loaded; else as soon as it is). */
  write(state: Record<string, unknown>): void;
  /** Settles when every write so far is on disk; rejects with the failure of a write that was kept. */
  flushed(): Promise<void>;
  /** Loads the backend now, without writing, so that the writes to come go through at once. */
  preload(): void;
}

export function lazyStoreWriter(create: CreateStoreBackend, options: StoreBackendOptions): StoreWriter {
  const path = storeFilePath(options);
  let backend: StoreBackend | null = null;
  let loading: Promise<void> | null = null;
  let kept: Record<string, unknown> | null = null;
  let failure: unknown = null;

  function use(created: StoreBackend): StoreBackend {
    // One path for both: a conf that resolved another file would split the store in two.
    if (resolve(created.path) !== path) throw new Error(`the store backend writes ${created.path}, not ${path}`);
    backend = created;
    return created;
  }

  /** Writes what was kept once the backend is there; a failure is kept for flushed() and the next write. */
  function load(pending: Promise<StoreBackend>): void {
    loading = pending.then((created) => {
      use(created);
      const state = kept;
      if (state) created.store = state;
      kept = null;
    });
    loading.catch((error: unknown) => {
      // A preload that failed lost nothing; a kept write did not land.
      if (kept !== null) failure = error;
      if (!backend) loading = null; // the next write tries to load it again
    });
  }

  function ensure(): void {
    if (backend || loading) return;
    const created = create(options);
    if (created instanceof Promise) load(created);
    else use(created);
  }

  return {
    path,
    write(state) {
      ensure();
      if (backend) {
        backend.store = state;
        kept = null;
        failure = null;
        return;
      }
      kept = state;
      failure = null;
    },
    async flushed() {
      if (loading) await loading.catch(() => {});
      if (failure !== null) throw failure;
    },
    preload() {
      try {
        ensure();
      } catch {
        // The first write tries again and reports what fails.
      }
    },
  };
}
