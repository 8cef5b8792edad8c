import { ALPHABET, bytesToSymbols, symbolCount, symbolsToBytes, symbolValue } from './base32.ts';
import { checkSymbol } from './check-symbol.ts';
import { recognizeCode } from './checked-code.ts';
import { CODE_KINDS, codeFormatError, misplacedCodeHint, withArticle, type GroupedCodeKind } from './code-kinds.ts';
import { findForeignCharacter, normalizeCode } from './normalize.ts';

/*
 * Request, activation and deactivation codes: a prefix, then groups of fifteen data symbols and one
 * check symbol. The check of each group is bound to the kind and the group's number, so a typo is
 * located ("group 7 has a typo") and a moved or foreign group is caught. The first byte holds the
 * byte count, so a cut-off code says how much is missing before anything is decoded.
 *
 * Why sixteen: every group costs a check symbol and a dash, so longer groups make a shorter code
 * (the longest activation code is 220 characters as shown with groups of ten, 210 with thirteen,
 * 204 with sixteen), while one check still covers the whole group: two context symbols and fifteen
 * data symbols get distinct non-zero weights in GF(32), apart from the check's own, so any single
 * substitution and any adjacent swap (the check character included) is caught for up to 30.
 * Sixteen is about as many characters as a person compares by eye in one go.
 */

const DATA_PER_GROUP = 15;
const GROUP_SIZE = DATA_PER_GROUP + 1;
/** Symbols in each shown group (the last may be shorter), for code that must spot a code in text. */
export const CODE_GROUP_SYMBOLS = GROUP_SIZE;
/** The longest code a user is asked to copy: data and check symbols, prefix included. */
export const MAX_CODE_SYMBOLS = 200;

const CONTEXT: Readonly<Record<GroupedCodeKind, string>> = {
  activationCode: 'A',
  requestCode: 'R',
  deactivationCode: 'D',
};

function groupCheck(kind: GroupedCodeKind, groupIndex: number, data: string): string {
  return checkSymbol(CONTEXT[kind] + (ALPHABET[groupIndex % 32] as string), data);
}

/** Total symbols (checks included, prefix excluded) of a code carrying `byteLength` bytes. */
function codedLength(byteLength: number): number {
  const data = symbolCount(byteLength + 1);
  return data + Math.ceil(data / DATA_PER_GROUP);
}

/**
 * Wraps bytes (at most 255) as a grouped, checked code with the kind's prefix.
 *
 * @example
 * encodeGroupedCode('requestCode', bytes) // "KR-XXXXXXXXXXXXXXXX-XXXXXXXXXXXXXXXX-..."
 */
export function encodeGroupedCode(kind: GroupedCodeKind, bytes: Uint8Array): string {
  if (bytes.length > 255) throw new RangeError('a grouped code carries at most 255 bytes');
  const framed = new Uint8Array(bytes.length + 1);
  framed[0] = bytes.length;
  framed.set(bytes, 1);
  const data = bytesToSymbols(framed);
  const groups: string[] = [];
  for (let i = 0; i * DATA_PER_GROUP < data.length; i++) {
    const chunk = data.slice(i * DATA_PER_GROUP, (i + 1) * DATA_PER_GROUP);
    groups.push(chunk + groupCheck(kind, i, chunk));
  }
  const prefix = CODE_KINDS[kind].prefix;
  const code = `${prefix}-${groups.join('-')}`;
  if (prefix.length + codedLength(bytes.length) > MAX_CODE_SYMBOLS) {
    throw new RangeError(`${CODE_KINDS[kind].label} would exceed ${MAX_CODE_SYMBOLS} characters`);
  }
  return code;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The 1-based number of the first group whose check symbol fails, if any. */
function firstBadGroup(kind: GroupedCodeKind, symbols: string): number | undefined {
  for (let i = 0; i * GROUP_SIZE < symbols.length; i++) {
    const group = symbols.slice(i * GROUP_SIZE, (i + 1) * GROUP_SIZE);
    if (group.length < 2 || groupCheck(kind, i, group.slice(0, -1)) !== group.slice(-1)) return i + 1;
  }
  return undefined;
}

/**
 * Unwraps a pasted code of the expected kind into its bytes, or throws that kind's format error
 * (e.g. `REQUEST_CODE_FORMAT_INVALID`) whose hint says what is wrong and where.
 *
 * @example
 * decodeGroupedCode('activationCode', pasted) // Uint8Array
 */
export function decodeGroupedCode(kind: GroupedCodeKind, input: string): Uint8Array {
  const { label, prefix } = CODE_KINDS[kind];
  const normalized = normalizeCode(input);
  if (normalized === '') throw codeFormatError(kind, `no ${label} was entered`);
  const found = recognizeCode(normalized);
  if (found !== undefined && found !== kind) throw codeFormatError(kind, misplacedCodeHint(found, kind));
  if (!normalized.startsWith(prefix)) {
    throw codeFormatError(kind, `${withArticle(label)} starts with "${prefix}-"; this one does not`);
  }
  const symbols = normalized.slice(prefix.length);
  const foreign = findForeignCharacter(symbols, (ch) => symbolValue(ch) !== undefined);
  if (foreign) {
    throw codeFormatError(
      kind,
      `"${foreign.char}" at position ${foreign.position + prefix.length} is not a character ${withArticle(label)} contains`,
    );
  }
  const headerGroup = symbols.slice(0, GROUP_SIZE);
  if (headerGroup.length < GROUP_SIZE || groupCheck(kind, 0, headerGroup.slice(0, -1)) !== headerGroup.slice(-1)) {
    throw codeFormatError(kind, symbols.length < GROUP_SIZE ? `looks truncated: only ${symbols.length} characters` : 'group 1 has a typo');
  }
  const declaredBytes = symbolsToBytes(headerGroup.slice(0, 2))[0] as number;
  const expected = codedLength(declaredBytes);
  const badGroup = firstBadGroup(kind, symbols);
  if (symbols.length < expected) {
    const where = badGroup ? `, probably in or after group ${badGroup}` : '';
    throw codeFormatError(kind, `the code is ${plural(expected - symbols.length, 'character')} short${where}`);
  }
  if (symbols.length > expected) {
    throw codeFormatError(kind, `the code has ${plural(symbols.length - expected, 'extra character')}`);
  }
  if (badGroup) throw codeFormatError(kind, `group ${badGroup} has a typo: its check character does not match`);

  let data = '';
  for (let i = 0; i < symbols.length; i += GROUP_SIZE) data += symbols.slice(i, i + GROUP_SIZE - 1);
  return symbolsToBytes(data).slice(1, 1 + declaredBytes);
}
