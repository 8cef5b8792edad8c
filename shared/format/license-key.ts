import { bytesToSymbols } from './base32.ts';
import { formatCheckedCode, LICENSE_KEY_SPEC, parseCheckedCode } from './checked-code.ts';

/**
 * Makes a fresh license key: 120 random bits as 24 Crockford symbols plus a check symbol, shown
 * as `KH-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`.
 *
 * @example
 * generateLicenseKey() // "KH-8Q3ZT-..."
 */
export function generateLicenseKey(randomBytes: (n: number) => Uint8Array = webRandomBytes): string {
  return formatCheckedCode(LICENSE_KEY_SPEC, bytesToSymbols(randomBytes(15)));
}

/**
 * Parses what a user pasted as a license key into its canonical form, or throws a
 * `LICENSE_FORMAT_INVALID` error with a precise hint.
 *
 * @example
 * parseLicenseKey(' kh-8q3zt-... ') // "KH-8Q3ZT-..."
 */
export function parseLicenseKey(input: string): string {
  return parseCheckedCode(LICENSE_KEY_SPEC, input);
}

/**
 * The key shortened for logs and support bundles: first and last group only.
 *
 * @example
 * redactLicenseKey('KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE') // "KH-AAAAA-…-EEEEE"
 */
export function redactLicenseKey(canonicalKey: string): string {
  const groups = canonicalKey.split('-');
  return `${groups[0]}-${groups[1]}-…-${groups[groups.length - 1]}`;
}

function webRandomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}
