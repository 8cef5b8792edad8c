import { CODE_GROUP_SYMBOLS } from '../../shared/format/grouped-code.ts';
import { parseLicenseKey } from '../../shared/format/license-key.ts';

/*
 * The last line of defence before anything reaches a log file or a support bundle: whatever a
 * caller passed, text that looks like a full license key, an activation code or a request code
 * (which carries the key) is masked. The
 * logger's typed fields are the first line (see logger.ts); this catches the free text that slips
 * through them (an error message that quoted its input, a note written by an older version).
 */


const SEP = '[\\s_\\-\\u2010-\\u2015\\u2212]';
/** "KH" and 25 key symbols, in any spelling a person pastes (lower case, spaces, no dashes). */
const LICENSE_KEY = new RegExp(`\\bKH${SEP}*((?:[0-9A-Z]${SEP}?){24}[0-9A-Z])`, 'gi');
/** Five groups of five without the prefix: a key whose "KH-" was cut off. */
const BARE_KEY = /\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){4}\b/gi;
/**
 * 25 symbols in any other spelling (run together, spaced, doubled dashes). Masked only when its
 * check symbol says it IS a key, so hashes and ids of that length stay readable.
 */
const LOOSE_KEY = new RegExp(`\\b(?:[0-9A-Z]${SEP}*){24}[0-9A-Z]\\b`, 'gi');

function isLicenseKey(text: string): boolean {
  try {
    parseLicenseKey(text);
    return true;
  } catch {
    return false;
  }
}
/**
 * Grouped codes: "KA"/"KR", at least three groups, and a shorter last group. A group is as long as
 * the format's, or as short as ten: a log written by an app that grouped codes by ten still holds them.
 */
const G = CODE_GROUP_SYMBOLS;
const groupedCode = (prefix: string) =>
  new RegExp(`\\b${prefix}${SEP}*[0-9A-Z]{10,${G}}(?:${SEP}?[0-9A-Z]{10,${G}}){2,}(?:-?[0-9A-Z]{1,${G - 1}})?`, 'gi');
const ACTIVATION_CODE = groupedCode('KA');
/** A request code carries the full license key (shared/license/offline-codes.ts). */
const REQUEST_CODE = groupedCode('KR');
/** An admin bearer token of the authority. */
const ADMIN_TOKEN = /\bkha_[\w-]{20,}/g;

function maskKey(symbols: string): string {
  const clean = symbols.replace(new RegExp(SEP, 'g'), '').toUpperCase();
  return `KH-${clean.slice(0, 5)}-…-${clean.slice(-5)}`;
}

/**
 * Masks full license keys (to their first and last group, like redactLicenseKey), activation and
 * request codes and admin tokens in any text. Deactivation codes (KD-) hold no secret and stay.
 *
 * @example
 * scrubText('key KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE') // "key KH-AAAAA-…-EEEEE"
 */
export function scrubText(text: string): string {
  return text
    .replace(ADMIN_TOKEN, '[admin token]')
    .replace(REQUEST_CODE, '[request code]')
    .replace(ACTIVATION_CODE, '[activation code]')
    .replace(LICENSE_KEY, (_, symbols: string) => maskKey(symbols))
    .replace(BARE_KEY, (match) => maskKey(match))
    .replace(LOOSE_KEY, (match) => (isLicenseKey(match) ? maskKey(match) : match));
}
