/**
 * Presentation-only clean-up shared by every code format: what a mail client, a PDF or a phone
 * call does to a code is undone here, and nothing that changes content is.
 */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const QUOTES = /^["'`\u2018\u2019\u201C\u201D\u00AB\u00BB<\[(]+|["'`\u2018\u2019\u201C\u201D\u00AB\u00BB>\])]+$/g;
const SEPARATORS = /[\s\-\u2010-\u2015\u2212_]/g;
const LOOK_ALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/**
 * Upper-cases, strips quotes, zero-width characters, spaces, dashes, line breaks and a trailing
 * period, and folds the Crockford look-alikes O→0 and I/L→1.
 *
 * @example
 * normalizeCode(' "kh-abcde-fghio." ') // "KHABCDEFGH10"
 */
export function normalizeCode(input: string): string {
  const trimmed = input.replace(ZERO_WIDTH, '').trim().replace(/\.+$/, '').replace(QUOTES, '');
  return trimmed
    .replace(SEPARATORS, '')
    .toUpperCase()
    .replace(/[OIL]/g, (ch) => LOOK_ALIKES[ch] ?? ch);
}

/**
 * Groups symbols for display: `group('ABCDEFGH', 4)` → "ABCD-EFGH".
 *
 * @example
 * groupSymbols('ABCDEFGH', 4) // "ABCD-EFGH"
 */
export function groupSymbols(symbols: string, size: number, separator = '-'): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += size) groups.push(symbols.slice(i, i + size));
  return groups.join(separator);
}

/**
 * Describes the first character that is not in the alphabet, by 1-based position.
 *
 * @example
 * findForeignCharacter('AB#D') // { char: '#', position: 3 }
 */
export function findForeignCharacter(
  symbols: string,
  isValid: (ch: string) => boolean,
): { char: string; position: number } | undefined {
  const chars = [...symbols];
  const index = chars.findIndex((ch) => !isValid(ch));
  return index < 0 ? undefined : { char: chars[index] as string, position: index + 1 };
}
