import { createHash } from 'node:crypto';
import { decodeGroupedCode } from '../../shared/format/grouped-code.ts';
import { SIGNATURE_BYTES } from '../../shared/license/certificate.ts';
import { certificateDigestFromSha256, certificateDigestMessage } from '../../shared/license/offline-codes.ts';

/*
 * The certificate digest, computed synchronously at the moment of signing so it can be written in
 * the same SQLite transaction as the activation it belongs to. What is hashed and how it is cut is
 * defined once, in shared/license/offline-codes.ts; only the hash function is the server's own.
 */

export function digestOfSignedCertificate(signedBytes: Uint8Array, signature: Uint8Array): string {
  return certificateDigestFromSha256(createHash('sha256').update(certificateDigestMessage(signedBytes, signature)).digest());
}

/**
 * The digest of an activation code as a client holds it: the same value the authority recorded when
 * it signed that certificate. Only the code's bytes are read, so a certificate whose plugins have
 * since left the catalog still has its digest. A malformed code throws the format error.
 */
export function digestOfActivationCode(activationCode: string): string {
  const bytes = decodeGroupedCode('activationCode', activationCode);
  const signatureAt = Math.max(0, bytes.length - SIGNATURE_BYTES);
  return digestOfSignedCertificate(bytes.slice(0, signatureAt), bytes.slice(signatureAt));
}
