import { ALPHABET, symbolValue } from '../format/base32.ts';
import { BitReader, BitWriter } from '../format/bits.ts';
import { joinBytes } from '../format/bytes.ts';
import { toHex } from '../format/hex.ts';
import { fromCodeMinutes, toCodeMinutes } from '../format/compact-time.ts';
import { formatCheckedCode, LICENSE_KEY_SPEC } from '../format/checked-code.ts';
import { CODE_KINDS, codeFormatError, type GroupedCodeKind } from '../format/code-kinds.ts';
import { decodeGroupedCode, encodeGroupedCode } from '../format/grouped-code.ts';
import { instanceIdFromSymbolValues, instanceIdSymbolValues } from '../format/instance-id.ts';
import { decodeActivationCode } from './certificate.ts';
import { FINGERPRINT_COMPONENTS, type CompactFingerprint } from './fingerprint.ts';

/*
 * The two codes an offline machine hands to the vendor. A request code carries what an online
 * activation request would (key, Instance ID, fingerprint, app version). A deactivation code
 * proves which activation was removed: it carries a digest of the very certificate the machine
 * held, which only that machine and the authority know, so it cannot free anybody else's slot.
 */

const REQUEST_VERSION = 1;
const DEACTIVATION_VERSION = 1;
const DIGEST_BYTES = 8;

export interface RequestCode {
  readonly licenseKey: string;
  readonly instanceId: string;
  readonly fingerprint: CompactFingerprint;
  readonly appVersion: { readonly major: number; readonly minor: number; readonly patch: number };
  /** Epoch ms, to the minute. */
  readonly createdAt: number;
}

export interface DeactivationCode {
  readonly licenseId: number;
  readonly instanceId: string;
  /** Hex digest of the certificate that was removed (see {@link certificateDigest}). */
  readonly certificateDigest: string;
  /** Epoch ms, to the minute. */
  readonly deactivatedAt: number;
}

function expectVersion(reader: BitReader, version: number, kind: GroupedCodeKind): void {
  const found = reader.read(4);
  if (found !== version) {
    throw codeFormatError(kind, `this ${CODE_KINDS[kind].label} has format version ${found}; expected ${version}`);
  }
}

/**
 * Encodes a request code, e.g. `KR-XXXXXXXXXXXXXXXX-…` (70 characters as shown).
 *
 * @example
 * encodeRequestCode({ licenseKey, instanceId, fingerprint, appVersion, createdAt: Date.now() })
 */
export function encodeRequestCode(request: RequestCode): string {
  const writer = new BitWriter().write(REQUEST_VERSION, 4);
  for (const ch of request.licenseKey.replace(/-/g, '').slice(2, 26)) writer.write(symbolValue(ch) ?? 0, 5);
  for (const value of instanceIdSymbolValues(request.instanceId)) writer.write(value, 5);
  for (const name of FINGERPRINT_COMPONENTS) writer.write(request.fingerprint[name], 6);
  writer
    .write(Math.min(request.appVersion.major, 63), 6)
    .write(Math.min(request.appVersion.minor, 1023), 10)
    .write(Math.min(request.appVersion.patch, 1023), 10)
    .write(toCodeMinutes(request.createdAt), 26);
  return encodeGroupedCode('requestCode', writer.toBytes());
}

/**
 * Decodes a pasted request code, or throws `REQUEST_CODE_FORMAT_INVALID` with a located hint.
 *
 * @example
 * decodeRequestCode(pasted).instanceId // "7K2M-QX4P-0R9T-ZB3W"
 */
export function decodeRequestCode(input: string): RequestCode {
  const reader = new BitReader(decodeGroupedCode('requestCode', input), 'requestCode');
  expectVersion(reader, REQUEST_VERSION, 'requestCode');
  const keySymbols = Array.from({ length: 24 }, () => ALPHABET[reader.read(5)]).join('');
  const instanceId = instanceIdFromSymbolValues(Array.from({ length: 15 }, () => reader.read(5)));
  const fingerprint = Object.fromEntries(FINGERPRINT_COMPONENTS.map((c) => [c, reader.read(6)])) as CompactFingerprint;
  const appVersion = { major: reader.read(6), minor: reader.read(10), patch: reader.read(10) };
  const createdAt = fromCodeMinutes(reader.read(26));
  reader.expectEnd();
  return { licenseKey: formatCheckedCode(LICENSE_KEY_SPEC, keySymbols), instanceId, fingerprint, appVersion, createdAt };
}

/**
 * Encodes a deactivation code, e.g. `KD-XXXXXXXXXXXXXXXX-…` (52 characters as shown).
 *
 * @example
 * encodeDeactivationCode({ licenseId, instanceId, certificateDigest, deactivatedAt: Date.now() })
 */
export function encodeDeactivationCode(code: DeactivationCode): string {
  const writer = new BitWriter().write(DEACTIVATION_VERSION, 4).write(code.licenseId, 32);
  for (const value of instanceIdSymbolValues(code.instanceId)) writer.write(value, 5);
  for (let i = 0; i < DIGEST_BYTES; i++) writer.write(parseInt(code.certificateDigest.slice(i * 2, i * 2 + 2), 16), 8);
  writer.write(toCodeMinutes(code.deactivatedAt), 26);
  return encodeGroupedCode('deactivationCode', writer.toBytes());
}

/**
 * Decodes a pasted deactivation code, or throws `DEACTIVATION_CODE_FORMAT_INVALID` with a located hint.
 *
 * @example
 * decodeDeactivationCode(pasted).licenseId
 */
export function decodeDeactivationCode(input: string): DeactivationCode {
  const reader = new BitReader(decodeGroupedCode('deactivationCode', input), 'deactivationCode');
  expectVersion(reader, DEACTIVATION_VERSION, 'deactivationCode');
  const licenseId = reader.read(32);
  const instanceId = instanceIdFromSymbolValues(Array.from({ length: 15 }, () => reader.read(5)));
  const digest = toHex(reader.readBytes(DIGEST_BYTES));
  const deactivatedAt = fromCodeMinutes(reader.read(26));
  reader.expectEnd();
  return { licenseId, instanceId, certificateDigest: digest, deactivatedAt };
}

/**
 * The bytes a certificate digest hashes: the certificate's signed bytes and its signature, so the
 * same certificate in any presentation gives the same digest.
 */
export function certificateDigestMessage(signedBytes: Uint8Array, signature: Uint8Array): Uint8Array {
  return joinBytes(signedBytes, signature);
}

/**
 * The digest from the SHA-256 of {@link certificateDigestMessage}: its first 8 bytes as hex. The
 * authority hashes synchronously (inside its transaction), the app through WebCrypto; both end here.
 *
 * @example
 * certificateDigestFromSha256(sha256) // "9f86d081884c7d65"
 */
export function certificateDigestFromSha256(sha256: Uint8Array): string {
  return toHex(sha256.slice(0, DIGEST_BYTES));
}

/**
 * The digest that ties a deactivation code to one certificate, from the activation code text.
 *
 * @example
 * await certificateDigest(activationCode, catalog) // "9f86d081884c7d65"
 */
export async function certificateDigest(activationCode: string, pluginCatalog: readonly string[]): Promise<string> {
  const { signedBytes, signature } = decodeActivationCode(activationCode, pluginCatalog);
  const hash = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(certificateDigestMessage(signedBytes, signature)));
  return certificateDigestFromSha256(new Uint8Array(hash));
}
