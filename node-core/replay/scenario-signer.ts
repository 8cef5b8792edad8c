import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assembleActivationCode, CERTIFICATE_FORMAT_VERSION, encodeCertificatePayload, toCertificateHour, type CertificatePayload } from '../../shared/license/certificate.ts';
import type { CompactFingerprint } from '../../shared/license/fingerprint.ts';
import { certificateSigningMessage, type PublicKeySet } from '../../shared/license/signing.ts';
import { parseProductConfig, pluginCatalog, type ProductConfig } from '../../shared/product/config.ts';

/*
 * Real Ed25519 signing for tests: a fresh vendor key per signer, the demo product config trusting
 * it, and certificates built exactly as the authority builds them (shared encode + sign + assemble).
 */

const HOUR = 3_600_000;

export interface TestSigner {
  readonly product: ProductConfig;
  readonly keySet: PublicKeySet;
  /** Signs a payload into activation code text. */
  sign(payload: CertificatePayload): string;
  /** A sensible online payload for this instance, issued `now`, overridable field by field. */
  payload(instanceId: string, fingerprint: CompactFingerprint, now: number, over?: Partial<CertificatePayload>): CertificatePayload;
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x) throw new Error('not an Ed25519 public key');
  return jwk.x;
}

export function demoProduct(): ProductConfig {
  const path = fileURLToPath(new URL('../../build/product.json', import.meta.url));
  return parseProductConfig(JSON.parse(readFileSync(path, 'utf8')));
}

export function createTestSigner(keyId = 1, baseProduct: ProductConfig = demoProduct()): TestSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const product: ProductConfig = { ...baseProduct, publicKeys: [{ id: keyId, publicKey: rawPublicKey(publicKey) }] };
  const keySet: PublicKeySet = { productId: product.productId, keys: product.publicKeys };
  const catalog = pluginCatalog(product);
  return {
    product,
    keySet,
    sign(payload) {
      const bytes = encodeCertificatePayload(payload, catalog);
      const signature = sign(null, certificateSigningMessage(product.productId, bytes), privateKey);
      return assembleActivationCode(bytes, new Uint8Array(signature));
    },
    payload(instanceId, fingerprint, now, over = {}) {
      const issuedAt = Math.floor(now / 60_000) * 60_000;
      return {
        formatVersion: CERTIFICATE_FORMAT_VERSION,
        keyId,
        mode: 'online',
        licenseId: 7,
        instanceId,
        fingerprint,
        plan: { id: 1, name: 'Pro' },
        plugins: ['reports', 'sync'],
        issuedAt,
        expiresAt: toCertificateHour(now + 365 * 24 * HOUR),
        leaseUntil: issuedAt + product.onlineLeaseDays * 24 * HOUR,
        versions: { min: 1, max: null },
        ...over,
      };
    },
  };
}
