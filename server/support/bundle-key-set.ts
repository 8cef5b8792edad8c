import { decodeActivationCode, type CertificatePayload } from '../../shared/license/certificate.ts';
import type { PublicKeySet } from '../../shared/license/signing.ts';
import { pluginCatalog, type ProductConfig } from '../../shared/product/config.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';
import { requireDataDir } from '../data-dir.ts';
import { SetupError } from '../setup-error.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';

/*
 * Which vendor keys a reproduction verifies the bundle's certificate with: the authority's own
 * signing keys when support points at its data dir (--data), else the product config's publicKeys,
 * exactly what the customer's app trusts. When the certificate's key id is in neither, that is said
 * in so many words: it is often the whole diagnosis (a rotated-out or foreign signing key).
 */

export interface ChosenKeySet {
  readonly keySet: PublicKeySet;
  readonly catalog: readonly string[];
  /** Where the keys came from, for the report. */
  readonly source: string;
  /** The certificate as read without verifying it (license id, key id); null when it does not decode. */
  readonly certificate: CertificatePayload | null;
  /** Set when the certificate's key id is not in the chosen keys. */
  readonly problem: string | null;
}

/** The published keys of an authority data dir (no private key is read). */
export function authorityPublicKeys(dataDir: string): PublicKeySet {
  const storage = openSqliteStorage(requireDataDir(dataDir).database);
  try {
    const productId = storage.getSetting('product_id');
    if (!productId) throw new SetupError(`${dataDir} names no product`);
    return { productId, keys: storage.listSigningKeys().map(({ id, publicKey }) => ({ id, publicKey })) };
  } finally {
    storage.close();
  }
}

/** Reads a certificate's fields without checking its signature (support only: never to decide a license). */
export function peekCertificate(certificate: string | null, catalog: readonly string[]): CertificatePayload | null {
  if (certificate === null) return null;
  try {
    return decodeActivationCode(certificate, catalog).payload;
  } catch {
    return null;
  }
}

export function chooseKeySet(bundle: SupportBundle, product: ProductConfig, productPath: string, dataDir: string | null): ChosenKeySet {
  if (bundle.productId !== product.productId) {
    throw new SetupError(`the bundle is for product "${bundle.productId}", the product config ${productPath} is for "${product.productId}" (use --product)`);
  }
  const catalog = pluginCatalog(product);
  const keySet: PublicKeySet = dataDir === null ? { productId: product.productId, keys: product.publicKeys } : authorityPublicKeys(dataDir);
  if (keySet.productId !== bundle.productId) {
    throw new SetupError(`the authority data dir ${dataDir} serves product "${keySet.productId}", the bundle is for "${bundle.productId}"`);
  }
  const source = dataDir === null ? `the product config's publicKeys (${productPath})` : `the signing keys of the authority data dir ${dataDir}`;
  const certificate = peekCertificate(bundle.certificate, catalog);
  const ids = keySet.keys.map((key) => key.id);
  const problem =
    certificate && !ids.includes(certificate.keyId)
      ? `the certificate was signed with key id ${certificate.keyId}, which is in neither ${dataDir === null ? 'the authority data dir (none given: --data)' : `the authority data dir ${dataDir}`} nor the product config's publicKeys (${productPath}); known key ids: ${ids.join(', ') || 'none'}`
      : null;
  return { keySet, catalog, source, certificate, problem };
}
