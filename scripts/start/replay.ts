import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG, type ErrorCode } from '../../shared/errors/catalog.ts';
import type { PublicKeySet } from '../../shared/license/signing.ts';
import type { ProductConfig } from '../../shared/product/config.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';
import { assertSameProduct, readReplayBundle, ReplayError } from '../../electron/replay/read-bundle.ts';
import { scenarioBundle } from '../../electron/replay/scenario-bundle.ts';
import { parseScenarioCode, SCENARIO_CODES } from '../../electron/replay/scenarios.ts';
import { DEFAULT_PRODUCT_CONFIG, loadProductConfig } from '../../server/product-config.ts';
import { authorityPublicKeys } from '../../server/support/bundle-key-set.ts';

/*
 * `npm start -- --replay <bundle.json> [--product FILE] [--data DIR]` and `npm start -- --scenario
 * <CODE>`: reads the arguments and prepares what the read-only host shows: a checked bundle and the
 * product config (with the vendor keys) to evaluate it with. Usage mistakes are a StartUsage (exit
 * 2, with the list of scenarios); a bundle that cannot be replayed is a ReplayError (exit 1).
 */

export type StartMode =
  | { readonly kind: 'demo' }
  | { readonly kind: 'replay'; readonly file: string; readonly productPath: string | null; readonly dataDir: string | null }
  | { readonly kind: 'scenario'; readonly code: ErrorCode };

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

export function parseStartArgs(args: readonly string[]): StartMode {
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
  return { kind: 'demo' };
}

/** The bundle and keys a replay or scenario shows; throws ReplayError/SetupError with a sentence. */
export async function prepareReplay(mode: Exclude<StartMode, { kind: 'demo' }>, root: string): Promise<ReplayPlan> {
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
  const keySet = dataDir ? authorityPublicKeys(dataDir) : { productId: base.productId, keys: base.publicKeys };
  const keysFrom = dataDir ? `the signing keys of the authority data dir ${dataDir}` : `the publicKeys of ${productPath}`;
  assertSameProduct(bundle, base.productId, `the product config ${productPath}`);
  if (keySet.productId !== base.productId) throw new ReplayError(`${keysFrom} are for product "${keySet.productId}", not "${base.productId}"`);
  return { bundle, product: { ...base, publicKeys: keySet.keys.map((key) => ({ ...key })) }, keySet, keysFrom };
}
