/**
 * Every kind of code a user may paste, in one table: its prefix, what to call it, and where it
 * belongs. Hints such as "this is an activation code: paste it in Offline activation" come from
 * here, so the words stay the same wherever a code is misplaced.
 */
export const CODE_KINDS = {
  licenseKey: { prefix: 'KH', label: 'license key', goesTo: 'the License key field' },
  instanceId: { prefix: '', label: 'Instance ID', goesTo: "your vendor's license portal, not here" },
  activationCode: { prefix: 'KA', label: 'activation code', goesTo: 'Offline activation' },
  requestCode: { prefix: 'KR', label: 'request code', goesTo: "the vendor's manual activation page" },
  deactivationCode: {
    prefix: 'KD',
    label: 'deactivation code',
    goesTo: "the vendor's manual activation page",
  },
} as const;

export type CodeKind = keyof typeof CODE_KINDS;

/** The kinds that are wrapped in the grouped, per-group-checked code format. */
export type GroupedCodeKind = 'activationCode' | 'requestCode' | 'deactivationCode';

/**
 * The sentence that tells a user a code of one kind was pasted where another belongs.
 *
 * @example
 * misplacedCodeHint('activationCode', 'licenseKey')
 * // "this is an activation code, not a license key: paste it in Offline activation"
 */
export function misplacedCodeHint(found: CodeKind, expected: CodeKind): string {
  const article = (label: string) => (/^[aeiouAEIOU]/.test(label) ? 'an' : 'a');
  const { label, goesTo } = CODE_KINDS[found];
  const wanted = CODE_KINDS[expected].label;
  const verb = found === 'instanceId' ? 'looks like' : 'is';
  return `this ${verb} ${article(label)} ${label}, not ${article(wanted)} ${wanted}: it belongs in ${goesTo}`;
}
