import { decodeActivationCode, type CertificatePayload } from '../../shared/license/certificate.ts';
import type { PublicKeySet } from '../../shared/license/signing.ts';
import { pluginCatalog, type ProductConfig } from '../../shared/product/config.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';
import { openInitializedStorage } from '../authority-data.ts';
import { SetupError } from '../setup-error.ts';

/*
 * Which keys a reproduction verifies the bundle's certificate with, most trusted first: the
 * authority's own signing keys when support points at its data dir (--data); the product config's
 * publicKeys when one was passed (--product) or the default one holds any (a vendor build); else
 * the keys the bundle says its app trusted (a demo build ships none), labelled as such in every
 * report: a bundle is only sealed, not signed, so keys it brings prove nothing about the vendor.
 * When the certificate's key id is not in the chosen keys, that is said in so many words: it is
 * often the whole diagnosis (a rotated-out or foreign signing key).
 */

export interface ChosenKeySet {
  readonly keySet: PublicKeySet;
  readonly catalog: readonly string[];
  /** Where the keys came from, for the report. */
  readonly source: string;
  /** True when they are the keys the bundle carries, not the vendor's. */
  readonly fromBundle: boolean;
  /** The certificate as read without verifying it (license id, key id); null when it does not decode. */
  readonly certificate: CertificatePayload | null;
  /** Set when the certificate's key id is not in the chosen keys. */
  readonly problem: string | null;
}

/** Where support's vendor keys may come from, as the command line gave them. */
export interface KeySources {
  readonly product: ProductConfig;
  readonly productPath: string;
  /** True when --product named the config (its keys are used even when it holds none). */
  readonly productGiven: boolean;
  readonly dataDir: string | null;
  /** The authority's PostgreSQL database, when it runs on one (--database). */
  readonly databaseUrl?: string | undefined;
}

/** What every report says when the keys came from the bundle itself. */
export const BUNDLE_KEYS_WARNING = "verified with the keys the bundle carries; pass --product/--data to check against the vendor's keys";

/** The published keys of an authority data dir (no private key is read). */
export async function authorityPublicKeys(dataDir: string, databaseUrl?: string): Promise<PublicKeySet> {
  const { storage } = await openInitializedStorage({ dataDir, databaseUrl });
  try {
    const productId = await storage.getSetting('product_id');
    if (!productId) throw new SetupError(`${dataDir} names no product`);
    return { productId, keys: (await storage.listSigningKeys()).map(({ id, publicKey }) => ({ id, publicKey })) };
  } finally {
    await storage.close();
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

const keyIds = (keySet: PublicKeySet) => keySet.keys.map((key) => key.id).join(', ') || 'none';

async function pickKeys(
  bundle: SupportBundle,
  { product, productPath, productGiven, dataDir, databaseUrl }: KeySources,
): Promise<{ keySet: PublicKeySet; source: string; fromBundle: boolean } | null> {
  if (dataDir !== null) return { keySet: await authorityPublicKeys(dataDir, databaseUrl), source: `the signing keys of the authority data dir ${dataDir}`, fromBundle: false };
  if (productGiven || product.publicKeys.length > 0) {
    return { keySet: { productId: product.productId, keys: product.publicKeys }, source: `the product config's publicKeys (${productPath})`, fromBundle: false };
  }
  if (!bundle.trustedKeys) return null;
  return { keySet: bundle.trustedKeys, source: `the keys the bundle carries (key ids ${keyIds(bundle.trustedKeys)}), not the vendor's`, fromBundle: true };
}

/**
 * The keys to reproduce with; null when there are none to use (no --data, no --product, a product
 * config without publicKeys and a bundle that carries none): the caller says which option to pass.
 */
export async function chooseKeySet(bundle: SupportBundle, sources: KeySources): Promise<ChosenKeySet | null> {
  const { product, productPath } = sources;
  if (bundle.productId !== product.productId) {
    throw new SetupError(`the bundle is for product "${bundle.productId}", the product config ${productPath} is for "${product.productId}" (use --product)`);
  }
  const picked = await pickKeys(bundle, sources);
  if (picked === null) return null;
  const { keySet, source, fromBundle } = picked;
  if (keySet.productId !== bundle.productId) {
    throw new SetupError(`${source} are for product "${keySet.productId}", the bundle is for "${bundle.productId}"`);
  }
  const catalog = pluginCatalog(product);
  const certificate = peekCertificate(bundle.certificate, catalog);
  const trusted = bundle.trustedKeys && !fromBundle ? `; the customer's app trusted key ids ${keyIds(bundle.trustedKeys)}` : '';
  const problem =
    certificate && !keySet.keys.some((key) => key.id === certificate.keyId)
      ? `the certificate was signed with key id ${certificate.keyId}, which is not in ${source}; known key ids: ${keyIds(keySet)}${trusted}`
      : null;
  return { keySet, catalog, source, fromBundle, certificate, problem };
}
