import type { ErrorCode } from '../errors/catalog.ts';
import { KeyholeError } from '../errors/keyhole-error.ts';

/**
 * Every kind of code a user may paste, in one table: its prefix, what to call it, where it
 * belongs and the error a malformed one raises. Hints such as "this is an activation code: paste
 * it in Offline activation" come from here, so the words stay the same wherever a code is
 * misplaced, and a typo in a request code is never reported with fix steps for the license key.
 */
export const CODE_KINDS = {
  licenseKey: { prefix: 'KH', label: 'license key', goesTo: 'the License key field', formatError: 'LICENSE_FORMAT_INVALID' },
  // Named by the license key's error: an Instance ID is typed next to a key, and has no fixes of its own.
  instanceId: { prefix: '', label: 'Instance ID', goesTo: "a message to your vendor when they ask for it, not here", formatError: 'LICENSE_FORMAT_INVALID' },
  activationCode: { prefix: 'KA', label: 'activation code', goesTo: 'Offline activation', formatError: 'ACTIVATION_CODE_FORMAT_INVALID' },
  requestCode: {
    prefix: 'KR',
    label: 'request code',
    goesTo: "the vendor's manual activation page",
    formatError: 'REQUEST_CODE_FORMAT_INVALID',
  },
  deactivationCode: {
    prefix: 'KD',
    label: 'deactivation code',
    goesTo: "the vendor's manual activation page",
    formatError: 'DEACTIVATION_CODE_FORMAT_INVALID',
  },
} as const satisfies Record<string, { prefix: string; label: string; goesTo: string; formatError: ErrorCode }>;

export type CodeKind = keyof typeof CODE_KINDS;

/** The kinds that are wrapped in the grouped, per-group-checked code format. */
export type GroupedCodeKind = 'activationCode' | 'requestCode' | 'deactivationCode';

/**
 * The error for a malformed code of one kind, at whatever depth the fault was found (the
 * wrapping, the payload inside it, its version), so the user always gets that kind's title and fixes.
 *
 * @example
 * codeFormatError('requestCode', 'group 3 has a typo').code // "REQUEST_CODE_FORMAT_INVALID"
 */
export function codeFormatError(kind: CodeKind, hint: string): KeyholeError {
  return new KeyholeError(CODE_KINDS[kind].formatError, hint, { kind });
}

/**
 * A code's label with its article, as a sentence names it.
 *
 * @example
 * withArticle('Instance ID') // "an Instance ID"
 */
export function withArticle(label: string): string {
  return `${/^[aeiouAEIOU]/.test(label) ? 'an' : 'a'} ${label}`;
}

/**
 * The sentence that tells a user a code of one kind was pasted where another belongs.
 *
 * @example
 * misplacedCodeHint('activationCode', 'licenseKey')
 * // "this is an activation code, not a license key: paste it in Offline activation"
 */
export function misplacedCodeHint(found: CodeKind, expected: CodeKind): string {
  const { label, goesTo } = CODE_KINDS[found];
  const wanted = CODE_KINDS[expected].label;
  const verb = found === 'instanceId' ? 'looks like' : 'is';
  return `this ${verb} ${withArticle(label)}, not ${withArticle(wanted)}: it belongs in ${goesTo}`;
}
