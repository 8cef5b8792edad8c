import { pluginCatalog, type ProductConfig } from '../shared/product/config.ts';
import { createCertificateIssuer } from './certificates/issue-certificate.ts';
import type { Clock } from './clock.ts';
import { holdsDatabase, prepareDataDir, readSecret, requireDataDir } from './data-dir.ts';
import { createSigningKey, loadSigningKeys, type SigningKeys } from './keys/signing-keys.ts';
import { createAdminToken } from './licensing/admin-tokens.ts';
import type { LicensingContext } from './licensing/context.ts';
import { SetupError } from './setup-error.ts';
import { openSqliteStorage } from './storage/sqlite-storage.ts';
import type { SigningKeyRecord } from './storage/storage.ts';

/*
 * Creating and opening a data dir. The server and the CLI open it the same way, so an admin
 * command run beside a live server sees and writes exactly what the server does.
 */

export interface InitResult {
  /** false when the folder already holds a database: nothing was read or written. */
  readonly created: boolean;
  /** The first admin token, shown once; null when nothing was created. */
  readonly adminToken: string | null;
  readonly signingKeys: readonly SigningKeyRecord[];
}

export function initDataDir(dataDir: string, productConfig: ProductConfig, clock: Clock): InitResult {
  // Not even opened: opening could migrate it, and writing a secret or key beside a database that
  // lost its own would make the stored keys unreadable and the installed apps distrust the authority.
  if (holdsDatabase(dataDir)) return { created: false, adminToken: null, signingKeys: [] };
  const layout = prepareDataDir(dataDir);
  const storage = openSqliteStorage(layout.database);
  try {
    storage.transaction(() => storage.setSetting('product_id', productConfig.productId));
    const key = createSigningKey(layout, storage, clock.now());
    const adminToken = createAdminToken(storage, 'created by authority init', clock.now());
    return { created: true, adminToken, signingKeys: [key] };
  } finally {
    storage.close();
  }
}

export interface OpenedDataDir {
  readonly context: LicensingContext;
  readonly keys: SigningKeys;
  close(): void;
}

/** Opens an initialized data dir for the product it was created for. */
export function openDataDir(dataDir: string, productConfig: ProductConfig, clock: Clock): OpenedDataDir {
  const layout = requireDataDir(dataDir);
  const storage = openSqliteStorage(layout.database);
  try {
    const productId = storage.getSetting('product_id');
    if (productId !== productConfig.productId) {
      throw new SetupError(
        `the data dir ${dataDir} serves product "${productId}", but the product config names "${productConfig.productId}" (use --product)`,
      );
    }
    const keys = loadSigningKeys(layout, storage);
    const issuer = createCertificateIssuer({
      productId: productConfig.productId,
      pluginCatalog: pluginCatalog(productConfig),
      onlineLeaseDays: productConfig.onlineLeaseDays,
      keys,
    });
    const context: LicensingContext = { storage, clock, issuer, productConfig, secret: readSecret(layout) };
    return { context, keys, close: () => storage.close() };
  } catch (error) {
    storage.close();
    throw error;
  }
}
