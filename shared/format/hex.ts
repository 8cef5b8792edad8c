/**
 * Lower-case hex of bytes.
 *
 * @example
 * toHex(new Uint8Array([0, 255])) // "00ff"
 */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
