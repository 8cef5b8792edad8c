import { readFileSync } from 'node:fs';
import { KeyholeError } from '../../../shared/errors/keyhole-error.ts';
import { checkBundleText, type SupportBundle } from '../../../shared/support/bundle.ts';
import { DEFAULT_PRODUCT_CONFIG, loadProductConfig } from '../../product-config.ts';
import { askAuthority, formatAuthorityFacts, type AuthorityFacts } from '../../support/ask-authority.ts';
import { chooseKeySet } from '../../support/bundle-key-set.ts';
import { formatReproduction, reproduceBundle, reproductionJson } from '../../support/reproduce.ts';
import { UsageError, type Command, type CommandInput } from '../command.ts';

/*
 * `keyhole support reproduce <bundle.json>`: re-runs the customer's evaluation from their support
 * bundle and prints the code, title and explanation they saw, which check failed and why, and the
 * checklist for that code; `--against` adds what the authority knows now. A bundle that is not one,
 * comes from a newer format or was edited is refused with exit 1 (REQUEST_INVALID and the reason).
 */

export const ADMIN_TOKEN_ENV = 'KEYHOLE_ADMIN_TOKEN';

async function readBundle(path: string): Promise<SupportBundle> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the bundle ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const check = await checkBundleText(text);
  if (!check.ok) throw new KeyholeError('REQUEST_INVALID', check.problem);
  return check.bundle;
}

function againstOptions(input: CommandInput): { url: string; token: string } | null {
  const url = input.values['against'];
  const token = input.values['token'] ?? process.env[ADMIN_TOKEN_ENV];
  if (typeof url !== 'string') {
    if (input.values['token'] !== undefined) throw new UsageError('--token is only used with --against <authority-url>');
    return null;
  }
  if (typeof token !== 'string' || token === '') throw new UsageError(`--against needs an admin token: --token <token> or $${ADMIN_TOKEN_ENV}`);
  return { url, token };
}

const reproduce: Command = {
  words: ['support', 'reproduce'],
  summary: "Re-run a customer's license check from their support bundle",
  args: '<bundle.json>',
  positionals: 1,
  options: { against: { type: 'string' }, token: { type: 'string' } },
  optionHelp: [
    ['--against URL', 'also ask this authority what it knows now of the license and instance (admin API)'],
    ['--token TOKEN', `admin token for --against (default $${ADMIN_TOKEN_ENV})`],
  ],
  details: [
    'Verifies the certificate with the signing keys of --data (when given) or the product config\'s publicKeys,',
    'then evaluates it with the bundle\'s clock, fingerprint and last server answer, exactly as the app did.',
    'An edited bundle, a newer bundle format or a file that is not a bundle: exit 1.',
  ].join('\n'),
  async run(input) {
    const against = againstOptions(input);
    const bundle = await readBundle(input.positionals[0] as string);
    const product = loadProductConfig(input.productPath);
    const dataDir = typeof input.values['data'] === 'string' ? input.dataDir : null;
    const keys = chooseKeySet(bundle, product, input.productPath ?? DEFAULT_PRODUCT_CONFIG, dataDir);
    const reproduction = await reproduceBundle(bundle, keys.keySet, keys.catalog);

    let authority: AuthorityFacts | null = null;
    let authorityNote: string | null = null;
    if (against) {
      if (keys.certificate === null) authorityNote = 'the bundle holds no readable certificate, so there is no license id to ask the authority about';
      else authority = await askAuthority(against.url, against.token, bundle, keys.certificate.licenseId);
    }

    const human = [
      `Keys:          ${keys.source}`,
      ...(keys.problem ? [`Key problem:   ${keys.problem}`] : []),
      formatReproduction(reproduction),
      ...(authority ? ['', formatAuthorityFacts(authority)] : []),
      ...(authorityNote ? ['', `Authority: ${authorityNote}`] : []),
    ].join('\n');
    input.out.result(
      { ...reproductionJson(reproduction), keys: { source: keys.source, problem: keys.problem }, authority, ...(authorityNote ? { authorityNote } : {}) },
      human,
    );
  },
};

/** Register in server/cli/main.ts: `...supportCommands` in COMMANDS. */
export const supportCommands: readonly Command[] = [reproduce];
