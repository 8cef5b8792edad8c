import { release, type, arch } from 'node:os';
import type { ErrorInfo } from '../shared/errors/keyhole-error.ts';
import type { PublicKeySet } from '../shared/license/signing.ts';
import type { ProductConfig } from '../shared/product/config.ts';
import type { SupportBundle } from '../shared/support/bundle.ts';
import { createAuthorityClient, type AuthorityClient } from './authority/authority-client.ts';
import { clockFromEnv, type Clock } from './clock.ts';
import { identifierSourceFromEnv, type IdentifierSource } from './fingerprint/identifier-source.ts';
import { systemInformationSource } from './fingerprint/systeminformation-source.ts';
import { createMachineProvider, type MachineProvider } from './license/current-machine.ts';
import { createLicenseService, type LicenseService } from './license/license-service.ts';
import { followLicenseEvents, logFingerprintCollected, logStoreKeptAside } from './logging/license-event-log.ts';
import { createLogger, logsFolder, type Logger } from './logging/logger.ts';
import type { BuildBundleOptions } from './support/build-bundle.ts';
import { describeBundle } from './support/describe-bundle.ts';
import type { KeyProtector } from './store/key-protector.ts';
import type { LicenseStore } from './store/license-store.ts';
import type { CreateStoreBackend } from './store/store-file.ts';
import { openLicenseStore } from './store/open-license-store.ts';

/*
 * Builds the license core from options, for the Electron glue, the browser host and tests alike.
 * Every collaborator can be passed in; what is not passed comes from the environment, and the
 * test hooks there are honoured only when set explicitly:
 *   KEYHOLE_APP_DATA_DIR      where the store lives (when the caller passes no dataDir)
 *   KEYHOLE_FINGERPRINT_FILE  JSON of raw identifier values instead of the real machine
 *   KEYHOLE_CLOCK_OFFSET_MS   a fixed clock offset; KEYHOLE_CLOCK_FILE a live one (see clock.ts)
 */

export const APP_DATA_DIR_ENV = 'KEYHOLE_APP_DATA_DIR';

export interface LicenseCoreOptions {
  /** The store's folder; falls back to KEYHOLE_APP_DATA_DIR. */
  readonly dataDir?: string;
  readonly product: ProductConfig;
  readonly appVersion: string;
  /** Default: the product config's public keys. */
  readonly keySet?: PublicKeySet;
  /** Default: the product config's authorityUrl (demo mode passes its embedded authority). */
  readonly authorityUrl?: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  /** Electron: safeStorageKeyProtector(safeStorage) when available. Default: the 0600 key file. */
  readonly keyProtector?: KeyProtector;
  /** Electron: `(options) => new ElectronStore(options)`. Default: conf. */
  readonly createBackend?: CreateStoreBackend;
  readonly identifierSource?: IdentifierSource;
  readonly clock?: Clock;
  readonly env?: NodeJS.ProcessEnv;
  readonly instanceName?: string;
  /** Debug lines (fingerprint timings); never receives secrets or raw identifiers. */
  readonly log?: (line: string) => void;
  /** Default: JSON lines in `<dataDir>/logs/keyhole.log` (node-core/logging/). */
  readonly logger?: Logger;
}

/** Diagnostics for "Copy details for support" and "Save support bundle". */
export interface SupportSection {
  /** Evaluates now and assembles the sealed bundle (shared/support/bundle.ts). */
  buildBundle(options?: BuildBundleOptions): Promise<SupportBundle>;
  /** The lines a user reads before sending the bundle. */
  describe(bundle: SupportBundle): string[];
}

export interface LicenseCore {
  readonly service: LicenseService;
  readonly store: LicenseStore;
  /** STORE_UNREADABLE when opening had to keep the store aside (also reported by getStatus). */
  readonly storeProblem: ErrorInfo | null;
  readonly clock: Clock;
  readonly dataDir: string;
  /** "This machine": fingerprint hashes and Instance ID (the bundle reads them here). */
  readonly machine: MachineProvider;
  /** The structured log; `logger.folder` is what "Open logs folder" opens. */
  readonly logger: Logger;
  readonly authorityUrl: string;
  /** The authority's API, for the calls that are not about this machine's own license (slot recovery). */
  readonly authority: AuthorityClient;
  readonly support: SupportSection;
}

export function createLicenseCore(options: LicenseCoreOptions): LicenseCore {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? env[APP_DATA_DIR_ENV];
  if (!dataDir) throw new Error(`createLicenseCore needs a dataDir (or ${APP_DATA_DIR_ENV})`);
  const clock = options.clock ?? clockFromEnv(env);
  const { store, problem } = openLicenseStore({
    dir: dataDir,
    now: () => clock.now(),
    ...(options.keyProtector ? { protector: options.keyProtector } : {}),
    ...(options.createBackend ? { createBackend: options.createBackend } : {}),
  });
  const logger = options.logger ?? createLogger({ folder: logsFolder(dataDir), now: () => clock.now() });
  logger.info('core.opened', { appVersion: options.appVersion, backend: store.keyProtection.backend, weak: store.keyProtection.weak });
  if (problem) logStoreKeptAside(logger, problem);
  followLicenseEvents(store, logger);
  const source = options.identifierSource ?? identifierSourceFromEnv(env, () => systemInformationSource());
  const machine = createMachineProvider({
    source,
    productId: options.product.productId,
    store,
    now: () => clock.now(),
    onCollected: (fingerprint) => logFingerprintCollected(logger, fingerprint),
    ...(options.log ? { log: options.log } : {}),
  });
  const authorityUrl = options.authorityUrl ?? options.product.authorityUrl;
  const authority = createAuthorityClient({
    baseUrl: authorityUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const keySet = options.keySet ?? { productId: options.product.productId, keys: options.product.publicKeys };
  const service = createLicenseService({
    store,
    machine,
    clock,
    authority,
    product: options.product,
    keySet,
    appVersion: options.appVersion,
    os: `${type()} ${release()} ${arch()}`,
    ...(options.instanceName ? { instanceName: options.instanceName } : {}),
  });
  const sources = { service, store, machine, logger, productId: options.product.productId, appVersion: options.appVersion, authorityUrl, keySet };
  // The bundle's schema and sealing are loaded when a user asks for one, not at start-up.
  const support: SupportSection = {
    buildBundle: async (bundleOptions) => (await import('./support/build-bundle.ts')).buildSupportBundle(sources, bundleOptions),
    describe: describeBundle,
  };
  return { service, store, storeProblem: problem, clock, dataDir, machine, logger, authorityUrl, authority, support };
}
