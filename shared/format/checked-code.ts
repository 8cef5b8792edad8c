import { ALPHABET, symbolValue } from './base32.ts';
import { checkSymbol } from './check-symbol.ts';
import { CODE_KINDS, codeFormatError, misplacedCodeHint, withArticle, type CodeKind } from './code-kinds.ts';
import { findForeignCharacter, groupSymbols, normalizeCode } from './normalize.ts';

/** A short code of fixed length ending in one check symbol: license keys and Instance IDs. */
export interface CheckedCodeSpec {
  readonly kind: 'licenseKey' | 'instanceId';
  /** Symbols before the check symbol. */
  readonly dataLength: number;
  /** Symbols per displayed group. */
  readonly groupSize: number;
  /** Binds the check symbol to this kind, so an Instance ID never passes as a key. */
  readonly context: string;
}

export const LICENSE_KEY_SPEC: CheckedCodeSpec = {
  kind: 'licenseKey',
  dataLength: 24,
  groupSize: 5,
  context: 'K',
};

export const INSTANCE_ID_SPEC: CheckedCodeSpec = {
  kind: 'instanceId',
  dataLength: 15,
  groupSize: 4,
  context: 'N',
};

const GROUPED_PREFIXES: ReadonlyArray<[CodeKind, string]> = (
  ['activationCode', 'requestCode', 'deactivationCode'] as const
).map((kind) => [kind, CODE_KINDS[kind].prefix]);

function hasValidCheck(spec: CheckedCodeSpec, symbols: string): boolean {
  if (symbols.length !== spec.dataLength + 1) return false;
  if (findForeignCharacter(symbols, (ch) => symbolValue(ch) !== undefined)) return false;
  return checkSymbol(spec.context, symbols.slice(0, -1)) === symbols.slice(-1);
}

function stripPrefix(spec: CheckedCodeSpec, normalized: string): string {
  const prefix = CODE_KINDS[spec.kind].prefix;
  if (!prefix || !normalized.startsWith(prefix)) return normalized;
  // A prefix-less key may itself begin with the prefix letters; only a valid remainder decides.
  return hasValidCheck(spec, normalized) ? normalized : normalized.slice(prefix.length);
}

/**
 * Guesses what kind of code a pasted text is, for hints; undefined when it resembles none.
 *
 * @example
 * recognizeCode('KA-0000...') // 'activationCode'
 */
export function recognizeCode(input: string): CodeKind | undefined {
  const normalized = normalizeCode(input);
  for (const [kind, prefix] of GROUPED_PREFIXES) {
    if (normalized.startsWith(prefix) && normalized.length > 20) return kind;
  }
  if (hasValidCheck(INSTANCE_ID_SPEC, normalized)) return 'instanceId';
  if (hasValidCheck(LICENSE_KEY_SPEC, stripPrefix(LICENSE_KEY_SPEC, normalized))) return 'licenseKey';
  return undefined;
}

/**
 * Parses a license key or Instance ID: forgiving about presentation, strict about content. Throws
 * the kind's format error (`LICENSE_FORMAT_INVALID` for both) whose hint names exactly what is wrong.
 *
 * @example
 * parseCheckedCode(LICENSE_KEY_SPEC, 'kh-abcde ...') // "KH-ABCDE-...", canonical form
 */
export function parseCheckedCode(spec: CheckedCodeSpec, input: string): string {
  // What the app sends is already canonical: one check, instead of the forgiving parse below
  // (which gives the same answer for such input, and the precise hint for anything else).
  if (isCanonical(spec, input)) return input;
  const { label } = CODE_KINDS[spec.kind];
  const normalized = normalizeCode(input);
  if (normalized === '') throw codeFormatError(spec.kind, `no ${label} was entered`);
  const found = recognizeCode(normalized);
  if (found !== undefined && found !== spec.kind) throw codeFormatError(spec.kind, misplacedCodeHint(found, spec.kind));

  const symbols = stripPrefix(spec, normalized);
  const foreign = findForeignCharacter(symbols, (ch) => symbolValue(ch) !== undefined);
  if (foreign) {
    throw codeFormatError(
      spec.kind,
      `"${foreign.char}" at position ${foreign.position} is not a character ${withArticle(label)} contains`,
    );
  }
  const expected = spec.dataLength + 1;
  if (symbols.length < expected) {
    throw codeFormatError(spec.kind, `looks truncated: ${symbols.length} of ${expected} characters`);
  }
  if (symbols.length > expected) {
    throw codeFormatError(
      spec.kind,
      `too long: ${symbols.length} of ${expected} characters; is there other text in the paste?`,
    );
  }
  if (!hasValidCheck(spec, symbols)) {
    throw codeFormatError(spec.kind, 'check character does not match: probably a typo or two swapped characters');
  }
  return formatCheckedCode(spec, symbols.slice(0, -1));
}

const canonicalShapes = new Map<CheckedCodeSpec, RegExp>();

/** The exact canonical form: prefix, upper-case symbols in their groups. */
function canonicalShape(spec: CheckedCodeSpec): RegExp {
  let shape = canonicalShapes.get(spec);
  if (shape === undefined) {
    const sizes: number[] = [];
    for (let left = spec.dataLength + 1; left > 0; left -= spec.groupSize) sizes.push(Math.min(spec.groupSize, left));
    const prefix = CODE_KINDS[spec.kind].prefix;
    shape = new RegExp(`^${prefix ? `${prefix}-` : ''}${sizes.map((size) => `[${ALPHABET}]{${size}}`).join('-')}$`);
    canonicalShapes.set(spec, shape);
  }
  return shape;
}

function isCanonical(spec: CheckedCodeSpec, input: string): boolean {
  if (!canonicalShape(spec).test(input)) return false;
  const prefix = CODE_KINDS[spec.kind].prefix;
  return hasValidCheck(spec, input.slice(prefix ? prefix.length + 1 : 0).replaceAll('-', ''));
}

/**
 * Builds the canonical, grouped form from data symbols, appending the check symbol.
 *
 * @example
 * formatCheckedCode(INSTANCE_ID_SPEC, '0123456789ABCDE') // "0123-4567-89AB-CDE?"
 */
export function formatCheckedCode(spec: CheckedCodeSpec, dataSymbols: string): string {
  if (dataSymbols.length !== spec.dataLength) {
    throw new RangeError(`${spec.kind} needs ${spec.dataLength} data symbols`);
  }
  const grouped = groupSymbols(dataSymbols + checkSymbol(spec.context, dataSymbols), spec.groupSize);
  const prefix = CODE_KINDS[spec.kind].prefix;
  return prefix ? `${prefix}-${grouped}` : grouped;
}
