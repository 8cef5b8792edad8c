import { readFileSync } from 'node:fs';
import { KeyholeError } from '../../../shared/errors/keyhole-error.ts';
import { checkBundleText, type SupportBundle } from '../../../shared/support/bundle.ts';
import { DEFAULT_PRODUCT_CONFIG, loadProductConfig } from '../../product-config.ts';
import { askAuthority, formatAuthorityFacts, type AuthorityFacts } from '../../support/ask-authority.ts';
import { BUNDLE_KEYS_WARNING, chooseKeySet, type ChosenKeySet } from '../../support/bundle-key-set.ts';
import { formatReproduction, reproductionJson } from '../../support/format-reproduction.ts';
import { reproduceBundle } from '../../support/reproduce.ts';
import type { Reproduction } from '../../support/reproduction.ts';
import { EXIT, UsageError, type Command, type CommandInput } from '../command.ts';

/*
 * `keyhole support reproduce <bundle.json>`: re-runs the customer's evaluation from their support
 * bundle and prints the code, title and explanation they saw, which check failed and why, and the
 * checklist for that code; `--against` adds what the authority knows now. A bundle that is not one,
 * comes from a newer format or was edited is refused with exit 1 (REQUEST_INVALID and the reason).
 * A reproduction that does not reach what the customer saw is a failed reproduction: the report is
 * printed and the exit code is 1, so no script mistakes it for a confirmation.
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

async function keysFor(bundle: SupportBundle, input: CommandInput): Promise<ChosenKeySet> {
  const productPath = input.productPath ?? DEFAULT_PRODUCT_CONFIG;
  const dataDir = typeof input.values['data'] === 'string' ? input.dataDir : null;
  const keys = await chooseKeySet(bundle, {
    product: loadProductConfig(productPath),
    productPath,
    productGiven: input.productPath !== undefined,
    dataDir,
    databaseUrl: input.databaseUrl,
  });
  if (keys === null) {
    throw new UsageError(
      `no vendor keys to verify the certificate with: ${productPath} holds no publicKeys and the bundle carries none (saved before format 2); pass --product FILE (the product config the app shipped with) or --data DIR (the authority's data dir)`,
    );
  }
  return keys;
}

function verdictLine(r: Reproduction): string {
  if (r.sameAsCustomer) return 'Result:        reproduced what the customer saw';
  const seen = `${r.seen.code ?? 'ACTIVE'} (${r.seen.state})`;
  return `Result:        DIFFERS from what the customer saw: reproduced ${r.status.code ?? 'ACTIVE'} (${r.status.state}), the customer saw ${seen}; this is not the customer's screen (exit 1)`;
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
    'Verifies the certificate with the signing keys of --data (when given), else the product config\'s publicKeys,',
    'else (a demo build ships none) the keys the bundle says its app trusted, which the report labels as not the vendor\'s;',
    'then evaluates it with the bundle\'s clock, fingerprint and last server answer, exactly as the app did.',
    'Exit 0: reproduced what the customer saw. Exit 1: the reproduction DIFFERS (the report says how), or the file',
    'is edited, from a newer bundle format or not a bundle. Exit 2: no keys to verify with (pass --product or --data).',
  ].join('\n'),
  async run(input) {
    const against = againstOptions(input);
    const bundle = await readBundle(input.positionals[0] as string);
    const keys = await keysFor(bundle, input);
    const reproduction = await reproduceBundle(bundle, keys.keySet, keys.catalog);

    let authority: AuthorityFacts | null = null;
    let authorityNote: string | null = null;
    if (against) {
      if (keys.certificate === null) authorityNote = 'the bundle holds no readable certificate, so there is no license id to ask the authority about';
      else authority = await askAuthority(against.url, against.token, bundle, keys.certificate.licenseId);
    }

    const human = [
      `Keys:          ${keys.source}`,
      ...(keys.fromBundle ? [`Key warning:   ${BUNDLE_KEYS_WARNING}`] : []),
      ...(keys.problem ? [`Key problem:   ${keys.problem}`] : []),
      formatReproduction(reproduction),
      ...(authority ? ['', formatAuthorityFacts(authority)] : []),
      ...(authorityNote ? ['', `Authority: ${authorityNote}`] : []),
      '',
      verdictLine(reproduction),
    ].join('\n');
    const keysJson = { source: keys.source, fromBundle: keys.fromBundle, problem: keys.problem, ...(keys.fromBundle ? { warning: BUNDLE_KEYS_WARNING } : {}) };
    input.out.result({ ...reproductionJson(reproduction), keys: keysJson, authority, ...(authorityNote ? { authorityNote } : {}) }, human);
    return reproduction.sameAsCustomer ? EXIT.ok : EXIT.business;
  },
};

/** Register in server/cli/main.ts: `...supportCommands` in COMMANDS. */
export const supportCommands: readonly Command[] = [reproduce];
