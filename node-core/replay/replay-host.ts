import type { ErrorCode } from '../../shared/errors/catalog.ts';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { ReplayInfo } from '../../shared/ipc/channels/support.ts';
import { CHANNELS, type AppInfo, type HandlerTable, type Verb } from '../../shared/ipc/contract.ts';
import type { DoorLog } from '../../shared/ipc/door.ts';
import type { LicenseEvaluation } from '../../shared/license/evaluate.ts';
import type { PublicKeySet } from '../../shared/license/signing.ts';
import { pluginCatalog, type ProductConfig } from '../../shared/product/config.ts';
import type { SupportBundle } from '../../shared/support/bundle.ts';
import { evaluateBundle, sameAsSeen } from '../../shared/support/evaluate-bundle.ts';
import type { AppHost } from '../app/app-host.ts';
import { toAppInfo } from '../app/app-info.ts';
import { createVendorVerbs } from '../app/handlers/vendor-handlers.ts';
import { describeBundle } from '../support/describe-bundle.ts';
import { createSupportVerbs, type SupportPlatform } from '../app/handlers/support-handlers.ts';
import { assertSameProduct } from './read-bundle.ts';
import { replayLicenseView } from './replay-view.ts';

/*
 * The app, read-only, on exactly the customer's screen: an AppHost (same shape the browser host and
 * Electron serve) whose license view is the re-evaluation of a checked bundle's inputs, whose
 * AppInfo carries the replay banner and the customer's failed action, and whose every verb that
 * could change a license answers UNAUTHORIZED "replay is read-only". New contract verbs are refused
 * by default: only the reads listed here answer.
 */

export const READ_ONLY_HINT = 'replay is read-only: it shows a support bundle and cannot change any license';

export interface ReplayHostOptions {
  /** A bundle that passed checkBundle (see read-bundle.ts). */
  readonly bundle: SupportBundle;
  /** The vendor's product config: plugin catalog, names and (by default) the trusted keys. */
  readonly product: ProductConfig;
  /** Default: the product config's publicKeys. */
  readonly keySet?: PublicKeySet;
  /** Where the keys came from, for the banner when the certificate does not verify. */
  readonly keysFrom?: string;
  readonly host: AppInfo['host'];
  /** Set when the bundle was generated for a catalog code (`--scenario`). */
  readonly scenario?: ErrorCode;
  readonly platform?: SupportPlatform;
  readonly log?: (line: string) => void;
}

function differs(status: LicenseEvaluation, bundle: SupportBundle, keysFrom: string): string | null {
  if (sameAsSeen(status, bundle.seen)) return null;
  const here = `${status.code ?? 'ACTIVE'} (${status.state})`;
  const seen = `${bundle.seen.code ?? 'ACTIVE'} (${bundle.seen.state})`;
  const keys = status.check === 'signature' ? ` The certificate does not verify with ${keysFrom}: pass the vendor's keys.` : '';
  return `Re-evaluated here as ${here}; the customer saw ${seen}.${keys}`;
}

/** The failed action as its error panel showed it (the bundle's free-form details stay out). */
function shownActionError(bundle: SupportBundle): ReplayInfo['actionError'] {
  if (!bundle.actionError) return null;
  const { action, error } = bundle.actionError;
  return { action, error: { code: error.code, message: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }) } };
}

/** Builds the read-only host; throws a ReplayError when the bundle is for another product. */
export async function createReplayHost(options: ReplayHostOptions): Promise<AppHost> {
  const { bundle, product } = options;
  assertSameProduct(bundle, product.productId, options.keysFrom ?? 'the product config');
  const keySet = options.keySet ?? { productId: product.productId, keys: product.publicKeys };
  const status = await evaluateBundle(bundle, keySet, pluginCatalog(product));
  const view = replayLicenseView(bundle, status);
  const replay: ReplayInfo = {
    kind: options.scenario ? 'scenario' : 'bundle',
    createdAt: bundle.createdAt,
    instanceId: bundle.instanceId,
    scenario: options.scenario ?? null,
    actionError: shownActionError(bundle),
    differs: differs(status, bundle, options.keysFrom ?? "the product config's publicKeys"),
  };
  const info: AppInfo = { ...toAppInfo(product, { appVersion: bundle.app.version, mode: 'normal', host: options.host, readOnly: true }), replay };

  const refuse = () => {
    throw new KeyholeError('UNAUTHORIZED', READ_ONLY_HINT);
  };
  const reads: Partial<HandlerTable> = {
    getAppInfo: () => info,
    getLicense: () => view,
    cancelActivation: () => ({ cancelled: false }),
    pendingDeactivation: () => null,
    // A bundle never carries a request code (it encodes the key).
    getOfflineRequest: () => null,
    // A replay shows the customer's screen; a link never fills anything in here.
    takeLinkedKey: () => ({ key: null }),
    // "Copy details" and "Save" hand on the customer's own bundle, unchanged (its seal still holds).
    ...createSupportVerbs({ bundle: () => Promise.resolve(bundle), describe: describeBundle, logsFolder: null }, options.platform),
    // The vendor's pages change nothing here, so a replay opens them like the customer's app would.
    ...createVendorVerbs(info, options.platform),
  };
  const handlers = Object.fromEntries((Object.keys(CHANNELS) as Verb[]).map((verb) => [verb, reads[verb] ?? refuse])) as HandlerTable;

  const log: DoorLog = (message, error) => options.log?.(error === undefined ? message : `${message}: ${String(error)}`);
  return { info, handlers, onEvent: () => () => undefined, openLink: () => undefined, log, close: () => undefined };
}
