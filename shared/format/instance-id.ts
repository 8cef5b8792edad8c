import { ALPHABET, bytesToSymbols, symbolValueAt } from './base32.ts';
import { formatCheckedCode, INSTANCE_ID_SPEC, parseCheckedCode } from './checked-code.ts';

/**
 * The Instance ID for a digest (at least 10 bytes of a salted hash): 75 bits as 15 symbols plus a
 * check symbol, `XXXX-XXXX-XXXX-XXXX`, short enough to read over the phone.
 *
 * @example
 * instanceIdFromDigest(sha256Bytes) // "7K2M-QX4P-0R9T-ZB3W"
 */
export function instanceIdFromDigest(digest: Uint8Array): string {
  if (digest.length < 10) throw new RangeError('an Instance ID needs at least 10 bytes of digest');
  return formatCheckedCode(INSTANCE_ID_SPEC, bytesToSymbols(digest.slice(0, 10)).slice(0, 15));
}

/**
 * Parses a pasted Instance ID into its canonical grouped form, or throws a
 * `LICENSE_FORMAT_INVALID` error with a precise hint.
 *
 * @example
 * parseInstanceId('7k2m qx4p 0r9t zb3w') // "7K2M-QX4P-0R9T-ZB3W"
 */
export function parseInstanceId(input: string): string {
  return parseCheckedCode(INSTANCE_ID_SPEC, input);
}

/** The 15 data symbols of a canonical Instance ID as 75-bit-aligned symbol values (for packing). */
export function instanceIdSymbolValues(canonical: string): number[] {
  const values: number[] = [];
  for (let i = 0; i < canonical.length && values.length < 15; i++) {
    if (canonical[i] !== '-') values.push(Math.max(0, symbolValueAt(canonical, i)));
  }
  return values;
}

/** The canonical Instance ID for 15 symbol values read back from a certificate. */
export function instanceIdFromSymbolValues(values: readonly number[]): string {
  const symbols = values.map((v) => ALPHABET[v]).join('');
  return formatCheckedCode(INSTANCE_ID_SPEC, symbols);
}
