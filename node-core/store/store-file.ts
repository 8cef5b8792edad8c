import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Options as ConfOptions } from 'conf';
import { writeFileAtomic } from './atomic-file.ts';

/*
 * conf (electron-store in Electron) is the store's writer; reading needs none of it. Start-up reads
 * the sealed file here, at the path conf resolves from the same options and through the same
 * deserializer conf is handed, so loading conf and its schema validator (ajv) waits for the first
 * write that something waits for (`flushed()`: every license action does, before it settles), or for
 * the preload a second after start-up. A write made before is kept and written the moment conf is
 * there: every write is the whole state, so the latest one carries all before it. After that,
 * writes go through at once and a failure throws to the caller, as conf's own do. A write that must
 * not wait (a process killed before conf loads would lose it) is written here as conf writes it.
 */

/** The conf surface the store uses. */
export interface StoreBackend {
  readonly path: string;
  store: Record<string, unknown>;
}

/** conf options plus `name`, which electron-store reads instead of `configName`. */
export type StoreBackendOptions = ConfOptions<Record<string, unknown>> & { readonly name: string };

/**
 * Makes the writing backend: at once when its module is loaded already; else, when `load` is set,
 * a promise that loads the module first, and null when it is not (not now: nobody waits yet).
 */
export type CreateStoreBackend = (options: StoreBackendOptions, load: boolean) => StoreBackend | Promise<StoreBackend> | null;

/**
 * A backend whose module is imported on demand and kept for every store after.
 *
 * @example
 * const confBackend = lazyBackend(() => import('conf'), ({ default: Conf }, options) => new Conf(options));
 */
export function lazyBackend<M>(importModule: () => Promise<M>, make: (module: M, options: StoreBackendOptions) => StoreBackend): CreateStoreBackend {
  let loaded: M | null = null;
  return (options, load) => {
    if (loaded) return make(loaded, options);
    if (!load) return null;
    return importModule().then((module) => {
      loaded = module;
      return make(module, options);
    });
  };
}

/** Plain Node: conf itself (electron-store in Electron extends it, so the same options work there). */
export const confBackend: CreateStoreBackend = lazyBackend(
  () => import('conf'),
  ({ default: Conf }, options) => new Conf<Record<string, unknown>>(options),
);

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
  /** Writes the whole state to disk before returning, conf loaded or not. */
  writeNow(state: Record<string, unknown>): void;
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
  function track(pending: Promise<StoreBackend>): void {
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

  /** Makes the backend if that needs no module load, or also when `load` is set. */
  function ensure(load: boolean): void {
    if (backend || loading) return;
    const created = create(options, load);
    if (created instanceof Promise) track(created);
    else if (created) use(created);
  }

  return {
    path,
    write(state) {
      ensure(false);
      if (backend) {
        backend.store = state;
        kept = null;
        failure = null;
        return;
      }
      // Kept until someone waits for it (flushed) or the preload comes: start-up never loads conf.
      kept = state;
      failure = null;
    },
    writeNow(state) {
      ensure(false);
      if (backend) {
        backend.store = state;
      } else {
        // What conf's own write does: the options' serializer, then write-temp-and-rename with the
        // file's mode. conf, once loaded, reads this file like any it wrote.
        const serialize = options.serialize ?? ((value: Record<string, unknown>) => JSON.stringify(value, undefined, '\t'));
        writeFileAtomic(path, serialize(state), options.configFileMode ?? 0o666);
      }
      // Newer than anything kept: a backend that loads later has nothing left to write.
      kept = null;
      failure = null;
    },
    async flushed() {
      if (kept) ensure(true);
      if (loading) await loading.catch(() => {});
      if (failure !== null) throw failure;
    },
    preload() {
      try {
        ensure(true);
      } catch {
        // The next write tries again and reports what fails.
      }
    },
  };
}
