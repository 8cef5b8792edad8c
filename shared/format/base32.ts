/**
 * Crockford base32: digits and letters without I, L, O and U, so that what a customer reads aloud
 * or retypes survives. Look-alikes are folded on input (see normalize.ts).
 */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// Indexed by UTF-16 code unit (-1: not a symbol), so the authority's per-request encoding and
// checking do one array read per symbol instead of a map lookup of a one-character string.
const VALUE_OF_CODE_UNIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE_OF_CODE_UNIT[ALPHABET.charCodeAt(i)] = i;

/**
 * The 5-bit value of the symbol at `index` of `text`, or -1 when that code unit is not in the alphabet.
 *
 * @example
 * symbolValueAt('0Z', 1) // 31
 */
export function symbolValueAt(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  return unit < 128 ? (VALUE_OF_CODE_UNIT[unit] as number) : -1;
}

/**
 * The 5-bit value of one symbol, or undefined when it is not in the alphabet.
 *
 * @example
 * symbolValue('Z') // 31
 */
export function symbolValue(ch: string): number | undefined {
  const value = ch.length === 1 ? symbolValueAt(ch, 0) : -1;
  return value === -1 ? undefined : value;
}

/**
 * Encodes bytes as symbols, most significant bit first; the last symbol is zero-padded.
 *
 * @example
 * bytesToSymbols(new Uint8Array([0xff])) // "ZW"
 */
export function bytesToSymbols(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes symbols (already validated against the alphabet) into whole bytes; trailing bits that
 * do not fill a byte are dropped.
 *
 * @example
 * symbolsToBytes('ZW') // Uint8Array [255]
 */
export function symbolsToBytes(symbols: string): Uint8Array {
  const out = new Uint8Array(Math.floor((symbols.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const ch of symbols) {
    buffer = (buffer << 5) | (symbolValue(ch) ?? 0);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      if (index < out.length) out[index++] = (buffer >> bits) & 0xff;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** Number of symbols that encode `byteLength` bytes. */
export function symbolCount(byteLength: number): number {
  return Math.ceil((byteLength * 8) / 5);
}
