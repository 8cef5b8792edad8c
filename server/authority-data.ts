import { pluginCatalog, type ProductConfig } from '../shared/product/config.ts';
import { createCertificateIssuer } from './certificates/issue-certificate.ts';
import type { Clock } from './clock.ts';
import { dataDirLayout, holdsDatabase, prepareDataDir, readSecret, requireDataDir, requireSecretFile, type DataDirLayout } from './data-dir.ts';
import { createSigningKeyRing, type SigningKeyRing } from './keys/signing-key-ring.ts';
import { createSigningKey, loadSigningKeys } from './keys/signing-keys.ts';
import { createAdminToken } from './licensing/admin-tokens.ts';
import type { LicensingContext } from './licensing/context.ts';
import { backfillKeyGroups } from './licensing/key-groups.ts';
import { secretProblems } from './secret-check.ts';
import { SetupError } from './setup-error.ts';
import { openPostgresStorage, redact } from './storage/postgres-storage.ts';
import { openSqliteStorage, type SqliteOptions } from './storage/sqlite-storage.ts';
import type { SigningKeyRecord, Storage } from './storage/storage.ts';

/*
 * Creating and opening a data dir. The server and the CLI open it the same way, so an admin
 * command run beside a live server sees and writes exactly what the server does.
 *
 * The database is the data dir's keyhole.db (SQLite) unless a PostgreSQL URL is given (--database,
 * KEYHOLE_DATABASE_URL); the files — secret.key and the signing keys — stay in the data dir either
 * way, and every process serving one PostgreSQL database needs the same files.
 */

export interface DataSource {
  readonly dataDir: string;
  /** postgres://… ; undefined = the data dir's SQLite file. */
  readonly databaseUrl?: string | undefined;
}

export interface InitResult {
  /** false when the database already holds an authority: nothing was read or written. */
  readonly created: boolean;
  /** The first admin token, shown once; null when nothing was created. */
  readonly adminToken: string | null;
  readonly signingKeys: readonly SigningKeyRecord[];
}

export async function initDataDir(dataDir: string, productConfig: ProductConfig, clock: Clock, databaseUrl?: string): Promise<InitResult> {
  const refused: InitResult = { created: false, adminToken: null, signingKeys: [] };
  // Not even opened: opening could migrate it, and writing a secret or key beside a database that
  // lost its own would make the stored keys unreadable and the installed apps distrust the authority.
  if (databaseUrl === undefined && holdsDatabase(dataDir)) return refused;
  const storage = databaseUrl === undefined ? openSqliteStorage(prepareDataDir(dataDir).database) : await openPostgresStorage(databaseUrl);
  try {
    if (databaseUrl !== undefined && (await holdsAuthority(storage))) return refused;
    const layout = prepareDataDir(dataDir);
    await storage.setSetting('product_id', productConfig.productId);
    const key = await createSigningKey(layout, storage, clock.now());
    const adminToken = await createAdminToken(storage, 'created by authority init', clock.now());
    return { created: true, adminToken, signingKeys: [key] };
  } finally {
    await storage.close();
  }
}

export interface OpenedDataDir {
  readonly context: LicensingContext;
  readonly keys: SigningKeyRing;
  close(): Promise<void>;
}

/** Opens an initialized data dir (and its database) for the product it was created for. */
export async function openDataDir(
  dataDir: string,
  productConfig: ProductConfig,
  clock: Clock,
  databaseUrl?: string,
  sqliteOptions: SqliteOptions = {},
): Promise<OpenedDataDir> {
  const { layout, storage } = await openInitializedStorage({ dataDir, databaseUrl }, sqliteOptions);
  try {
    const productId = await storage.getSetting('product_id');
    if (productId !== productConfig.productId) {
      throw new SetupError(
        `the data dir ${dataDir} serves product "${productId}", but the product config names "${productConfig.productId}" (use --product)`,
      );
    }
    // Refused here rather than discovered later: keys created under a wrong secret could never be shown again.
    const [secretProblem] = secretProblems(dataDir, await storage.sampleLicense());
    if (secretProblem !== undefined) throw new SetupError(`${secretProblem}; start with the secret.key this database was created with (restore it from your backup)`);
    const secret = readSecret(layout);
    // Licenses sold before key groups were kept get them here: finding them needs the secret.
    await backfillKeyGroups(storage, secret);
    const keys = createSigningKeyRing(layout, storage, await loadSigningKeys(layout, storage));
    const issuer = createCertificateIssuer({
      productId: productConfig.productId,
      pluginCatalog: pluginCatalog(productConfig),
      onlineLeaseDays: productConfig.onlineLeaseDays,
      keys,
    });
    const context: LicensingContext = { storage, clock, issuer, keys, productConfig, secret };
    return { context, keys, close: () => storage.close() };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** The data dir's files and its database, refused when `authority init` has not run for them. */
export async function openInitializedStorage(source: DataSource, sqliteOptions: SqliteOptions = {}): Promise<{ layout: DataDirLayout; storage: Storage }> {
  if (source.databaseUrl === undefined) {
    const layout = requireDataDir(source.dataDir);
    return { layout, storage: openSqliteStorage(layout.database, sqliteOptions) };
  }
  const layout = dataDirLayout(source.dataDir);
  const storage = await openPostgresStorage(source.databaseUrl);
  try {
    if (!(await holdsAuthority(storage))) {
      throw new SetupError(
        `the PostgreSQL database ${redact(source.databaseUrl)} holds no authority: to create one, run "keyhole authority init --data ${source.dataDir} --database <url>"`,
      );
    }
    requireSecretFile(layout, `the database ${redact(source.databaseUrl)}`);
    return { layout, storage };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

/** `init` wrote the product id first thing: a database that has it serves an authority. */
async function holdsAuthority(storage: Storage): Promise<boolean> {
  return (await storage.getSetting('product_id')) !== undefined;
}
