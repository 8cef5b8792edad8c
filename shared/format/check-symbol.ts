import { ALPHABET, symbolValueAt } from './base32.ts';

/*
 * A check symbol over GF(32) (polynomial x^5 + x^2 + 1, generator x): check = sum of x^(i+1)·s_i.
 * Every power of x up to 30 is distinct and non-zero, so for up to 31 symbols any single wrong
 * symbol and any swap of two different symbols changes the check. A plain sum modulo 32 cannot
 * catch both, which is why the field arithmetic is worth its ten lines.
 */

const FIELD_POLY = 0b100101;

function multiplySlow(a: number, b: number): number {
  let product = 0;
  for (let i = 0; i < 5; i++) {
    if (b & (1 << i)) product ^= a << i;
  }
  for (let bit = 9; bit >= 5; bit--) {
    if (product & (1 << bit)) product ^= FIELD_POLY << (bit - 5);
  }
  return product;
}

// The whole 32×32 product table: the authority checks keys on every request, so a lookup beats
// redoing the carry-less multiplication each time.
const PRODUCTS = Uint8Array.from({ length: 1024 }, (_, i) => multiplySlow(i >> 5, i & 31));

function multiply(a: number, b: number): number {
  return PRODUCTS[(a << 5) | b] as number;
}

// The weight of position i is x^(i+1); x has order 31, so the weights repeat after 31 positions.
const WEIGHTS = Uint8Array.from({ length: 31 }, (_, i) => {
  let weight = 2;
  for (let k = 0; k < i; k++) weight = multiply(weight, 2);
  return weight;
});

/** The most symbols one check symbol fully protects (single errors and any swap). */
export const MAX_CHECKED_SYMBOLS = 31;

/**
 * The check symbol of `symbols` (alphabet characters), computed after `context` symbols that bind
 * it to a kind of code and a position, so a check from one context never validates another.
 * Context and symbols together must not exceed {@link MAX_CHECKED_SYMBOLS}.
 *
 * @example
 * checkSymbol('H', 'ABCDE') // one character of the alphabet
 */
export function checkSymbol(context: string, symbols: string): string {
  let sum = 0;
  for (let i = 0; i < context.length; i++) sum ^= term(i, context, i);
  for (let i = 0; i < symbols.length; i++) sum ^= term(context.length + i, symbols, i);
  return ALPHABET[sum] as string;
}

// A code unit outside the alphabet counts as 0; callers reject such text before they check it.
function term(position: number, text: string, index: number): number {
  return multiply(WEIGHTS[position % 31] as number, Math.max(0, symbolValueAt(text, index)));
}
