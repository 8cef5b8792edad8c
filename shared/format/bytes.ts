/**
 * Two byte strings one after the other, in a new array: a certificate's signed bytes and its
 * signature, or a label and the bytes it binds.
 *
 * @example
 * joinBytes(new Uint8Array([1]), new Uint8Array([2, 3])) // Uint8Array [1, 2, 3]
 */
export function joinBytes(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}
