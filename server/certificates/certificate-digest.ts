import { createHash } from 'node:crypto';
import { certificateDigestFromSha256, certificateDigestMessage } from '../../shared/license/offline-codes.ts';

/*
 * The certificate digest, computed synchronously at the moment of signing so it can be written in
 * the same SQLite transaction as the activation it belongs to. What is hashed and how it is cut is
 * defined once, in shared/license/offline-codes.ts; only the hash function is the server's own.
 */

export function digestOfSignedCertificate(signedBytes: Uint8Array, signature: Uint8Array): string {
  return certificateDigestFromSha256(createHash('sha256').update(certificateDigestMessage(signedBytes, signature)).digest());
}
