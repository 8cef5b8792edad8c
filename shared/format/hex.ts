const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * Lower-case hex of bytes.
 *
 * @example
 * toHex(new Uint8Array([0, 255])) // "00ff"
 */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += BYTE_HEX[byte];
  return out;
}
