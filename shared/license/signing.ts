import { KeyholeError } from '../errors/keyhole-error.ts';
import { joinBytes } from '../format/bytes.ts';
import { decodeActivationCode, type DecodedCertificate } from './certificate.ts';

/*
 * Ed25519 through the platform's WebCrypto (Node's own implementation in the main process and the
 * authority, the browser's in tests), so verification is pure TypeScript that every process can
 * share. Only verification lives here: the app never holds a private key.
 */

/** One public signing key, raw 32 bytes as base64url. */
export interface PublicSigningKey {
  readonly id: number;
  readonly publicKey: string;
}

/**
 * The keys an app trusts. Several at once let the vendor rotate: new certificates are signed with
 * the new key while those signed with the old one stay valid until the old key is dropped.
 */
export interface PublicKeySet {
  readonly productId: string;
  readonly keys: readonly PublicSigningKey[];
}

/**
 * The exact bytes an activation certificate signature covers: a domain label and the product id
 * before the payload, so a certificate for another product never verifies here.
 *
 * @example
 * certificateSigningMessage('acme-studio', payloadBytes)
 */
export function certificateSigningMessage(productId: string, signedBytes: Uint8Array): Uint8Array {
  return joinBytes(signingLabel(productId), signedBytes);
}

// One product signs (or checks) every certificate with the same label: encoded once per product.
let lastLabel: { readonly productId: string; readonly bytes: Uint8Array } | null = null;

function signingLabel(productId: string): Uint8Array {
  if (lastLabel?.productId !== productId) lastLabel = { productId, bytes: new TextEncoder().encode(`keyhole-certificate-v1\n${productId}\n`) };
  return lastLabel.bytes;
}

/**
 * Encodes bytes as unpadded base64url.
 *
 * @example
 * toBase64Url(new Uint8Array([255])) // "_w"
 */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes unpadded base64url.
 *
 * @example
 * fromBase64Url('_w') // Uint8Array [255]
 */
export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

const importedKeys = new Map<string, Promise<CryptoKey>>();

function importPublicKey(publicKey: string): Promise<CryptoKey> {
  let key = importedKeys.get(publicKey);
  if (!key) {
    key = globalThis.crypto.subtle.importKey('raw', new Uint8Array(fromBase64Url(publicKey)), { name: 'Ed25519' }, false, ['verify']);
    importedKeys.set(publicKey, key);
  }
  return key;
}

/**
 * Parses an activation code and checks its signature against the trusted key set. A damaged code
 * is `ACTIVATION_CODE_FORMAT_INVALID` (decided before any signature check); an unknown key id, a bad
 * signature or another product's certificate is `LICENSE_INVALID`.
 *
 * @example
 * const { payload } = await verifyActivationCode(code, keySet, catalog);
 */
export async function verifyActivationCode(
  code: string,
  keySet: PublicKeySet,
  pluginCatalog: readonly string[],
): Promise<DecodedCertificate> {
  const decoded = decodeActivationCode(code, pluginCatalog);
  const signingKey = keySet.keys.find((key) => key.id === decoded.payload.keyId);
  if (!signingKey) {
    throw new KeyholeError('LICENSE_INVALID', `signed with key ${decoded.payload.keyId}, which this app does not trust`);
  }
  let valid = false;
  try {
    const key = await importPublicKey(signingKey.publicKey);
    const message = certificateSigningMessage(keySet.productId, decoded.signedBytes);
    valid = await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(decoded.signature), new Uint8Array(message));
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new KeyholeError('LICENSE_INVALID', 'the signature does not match: not issued by this vendor for this product');
  }
  return decoded;
}
