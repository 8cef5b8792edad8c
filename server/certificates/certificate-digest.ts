import { createHash } from 'node:crypto';

/*
 * The certificate digest, computed synchronously at the moment of signing so it can be written in
 * the same SQLite transaction as the activation it belongs to. It is the value
 * shared/license/offline-codes.ts `certificateDigest` computes from the code text (WebCrypto, so
 * async there): the first 8 bytes of SHA-256 over signed bytes + signature, as hex.
 * certificate-digest.test.ts pins the two together.
 */

const DIGEST_BYTES = 8;

export function digestOfSignedCertificate(signedBytes: Uint8Array, signature: Uint8Array): string {
  return createHash('sha256').update(signedBytes).update(signature).digest().subarray(0, DIGEST_BYTES).toString('hex');
}
