import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG, type ErrorCode } from '../../shared/errors/catalog.ts';
import type { PublicKeySet } from '../../shared/license/signing.ts';
import type { ProductConfig } from '../../shared/product/config.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';
import { assertSameProduct, readReplayBundle, ReplayError } from '../../node-core/replay/read-bundle.ts';
import { scenarioBundle } from '../../node-core/replay/scenario-bundle.ts';
import { parseScenarioCode, SCENARIO_CODES } from '../../node-core/replay/scenarios.ts';
import { DEFAULT_PRODUCT_CONFIG, loadProductConfig } from '../../server/product-config.ts';
import { authorityPublicKeys } from '../../server/support/bundle-key-set.ts';

/*
 * `npm start -- --replay <bundle.json> [--product FILE] [--data DIR]` and `npm start -- --scenario
 * <CODE>`: reads the arguments and prepares what the read-only host shows: a checked bundle and the
 * product config (with the vendor keys) to evaluate it with. Usage mistakes are a StartUsage (exit
 * 2, with the list of scenarios); a bundle that cannot be replayed is a ReplayError (exit 1).
 */

export type StartMode =
  | { readonly kind: 'help' }
  | DemoMode
  | { readonly kind: 'replay'; readonly file: string; readonly productPath: string | null; readonly dataDir: string | null }
  | { readonly kind: 'scenario'; readonly code: ErrorCode };

/** The demo's own options: where its data lives, which port the browser host takes, which shell. */
export interface DemoMode {
  readonly kind: 'demo';
  /** The demo folder (authority/ and app/ inside); null = ./.keyhole-demo. */
  readonly demoDir: string | null;
  /** The browser host's port; null = a free one. */
  readonly port: number | null;
  /** Serve to a browser even where Electron could run. */
  readonly browser: boolean;
}

export const START_USAGE = `Usage: npm start [-- OPTIONS]

  (no options)              the demo: a local license authority with demo keys, and the app
  --data DIR                keep the demo's data in DIR (default ./.keyhole-demo), so a second
                            demo can run beside the first
  --port N                  serve the app to the browser on 127.0.0.1:N (default: a free port)
  --browser                 serve the app to a browser even where Electron can run
  --replay BUNDLE.json      open a customer's support bundle read-only
      [--product FILE]      ... with the vendor keys of this product config
      [--data DIR]          ... or of this authority data dir
  --scenario CODE           open the app in any error-catalog state, on generated data
  --help                    this text
`;

const VALUE_FLAGS = new Set(['--data', '--port', '--replay', '--product', '--scenario']);
const KNOWN_FLAGS = new Set([...VALUE_FLAGS, '--browser', '--help', '-h']);

/** A command line that cannot mean anything: said in words, exit 2. */
export class StartUsage extends Error {
  override readonly name = 'StartUsage';
}

export interface ReplayPlan {
  readonly bundle: SupportBundle;
  /** The product config to show it with; its publicKeys are the keys the certificate is checked with. */
  readonly product: ProductConfig;
  readonly keySet: PublicKeySet;
  readonly keysFrom: string;
  readonly scenario?: ErrorCode;
}

/** Every scenario code with its catalog title, one per line, for the usage message. */
export function scenarioList(): string {
  return SCENARIO_CODES.map((code) => `  ${code.padEnd(28)} ${CATALOG[code].title}`).join('\n');
}

function valueOf(args: readonly string[], flag: string): string | null {
  const index = args.indexOf(flag);
  if (index < 0) return null;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new StartUsage(`${flag} needs a value`);
  return value;
}

function assertKnownFlags(args: readonly string[]): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!KNOWN_FLAGS.has(arg)) throw new StartUsage(`"${arg}" is not an option of npm start (see npm start -- --help)`);
    if (VALUE_FLAGS.has(arg)) i++;
  }
}

function portOf(args: readonly string[]): number | null {
  const given = valueOf(args, '--port');
  if (given === null) return null;
  const port = Number(given);
  if (!/^\d+$/.test(given) || port < 1 || port > 65535) throw new StartUsage(`--port takes a port number from 1 to 65535, not "${given}"`);
  return port;
}

export function parseStartArgs(args: readonly string[]): StartMode {
  if (args.includes('--help') || args.includes('-h')) return { kind: 'help' };
  assertKnownFlags(args);
  if (args.includes('--replay') && args.includes('--scenario')) throw new StartUsage('use either --replay or --scenario, not both');
  if (args.includes('--scenario')) {
    const index = args.indexOf('--scenario');
    const given = args[index + 1];
    const code = given === undefined ? null : parseScenarioCode(given);
    if (code === null) {
      throw new StartUsage(`${given === undefined ? '--scenario needs a code' : `"${given}" is not a code of the error catalog`}. Valid scenarios:\n${scenarioList()}`);
    }
    return { kind: 'scenario', code };
  }
  if (args.includes('--replay')) {
    const file = valueOf(args, '--replay');
    if (file === null) throw new StartUsage('--replay needs the path of a support bundle (.json)');
    return { kind: 'replay', file, productPath: valueOf(args, '--product'), dataDir: valueOf(args, '--data') };
  }
  return { kind: 'demo', demoDir: valueOf(args, '--data'), port: portOf(args), browser: args.includes('--browser') };
}

/** The bundle and keys a replay or scenario shows; throws ReplayError/SetupError with a sentence. */
export async function prepareReplay(mode: Exclude<StartMode, { kind: 'demo' | 'help' }>, root: string): Promise<ReplayPlan> {
  if (mode.kind === 'scenario') {
    const { bundle, product } = await scenarioBundle(mode.code, loadProductConfig());
    return { bundle, product, keySet: { productId: product.productId, keys: product.publicKeys }, keysFrom: 'a throwaway scenario key', scenario: mode.code };
  }
  const bundle = await readReplayBundle(mode.file);
  const productPath = mode.productPath ?? DEFAULT_PRODUCT_CONFIG;
  const base = loadProductConfig(productPath);
  const demoAuthority = join(root, '.keyhole-demo', 'authority');
  // Which vendor keys: --data, else --product's, else (a bundle from `npm start`'s demo) the demo authority's.
  const dataDir = mode.dataDir ?? (mode.productPath === null && base.publicKeys.length === 0 && existsSync(demoAuthority) ? demoAuthority : null);
  const keySet = dataDir ? await authorityPublicKeys(dataDir) : { productId: base.productId, keys: base.publicKeys };
  const keysFrom = dataDir ? `the signing keys of the authority data dir ${dataDir}` : `the publicKeys of ${productPath}`;
  assertSameProduct(bundle, base.productId, `the product config ${productPath}`);
  if (keySet.productId !== base.productId) throw new ReplayError(`${keysFrom} are for product "${keySet.productId}", not "${base.productId}"`);
  return { bundle, product: { ...base, publicKeys: keySet.keys.map((key) => ({ ...key })) }, keySet, keysFrom };
}
