import { mkdirSync } from 'node:fs';
import { KeyholeError } from '../../../shared/errors/keyhole-error.ts';
import type { ActionError, SUPPORT_CHANNELS } from '../../../shared/ipc/channels/support.ts';
import type { HandlerTable } from '../../../shared/ipc/contract.ts';
import type { SupportBundle } from '../../../shared/support/bundle.ts';
import { bundleText, supportBundleFileName, writeSupportBundle } from '../../support/bundle-file.ts';
import type { HandlerDeps, SupportPlatform } from './handler-deps.ts';

export type { SupportPlatform } from './handler-deps.ts';

/*
 * The support verbs of the handler table: preview, save, logs folder. What differs per
 * host is injected as a SupportPlatform: Electron has a save dialog and a file manager to open; the
 * browser host has neither, so it hands the bundle to the page to download and shows the folder
 * path instead. The replay host (node-core/replay/) serves the same verbs over the bundle it shows.
 */

/** Where the bundle comes from: a running core, or the bundle a replay shows. */
export interface SupportSource {
  bundle(actionError: ActionError | null): Promise<SupportBundle>;
  describe(bundle: SupportBundle): string[];
  /** The logs folder; null when there is none to open (a replay). */
  readonly logsFolder: string | null;
}

export type SupportVerbs = Pick<HandlerTable, keyof typeof SUPPORT_CHANNELS>;

/** The three verbs over any source and platform. */
export function createSupportVerbs(source: SupportSource, platform: SupportPlatform = {}): SupportVerbs {
  return {
    async previewSupportBundle(actionError) {
      const bundle = await source.bundle(actionError ?? null);
      return { text: bundleText(bundle), preview: source.describe(bundle), fileName: supportBundleFileName(bundle) };
    },

    async saveSupportBundle(actionError) {
      const bundle = await source.bundle(actionError ?? null);
      const fileName = supportBundleFileName(bundle);
      if (!platform.chooseSavePath) return { saved: false, path: null, download: { fileName, text: bundleText(bundle) } };
      const path = await platform.chooseSavePath(fileName);
      if (path === null) return { saved: false, path: null, download: null };
      writeSupportBundle(path, bundle);
      return { saved: true, path, download: null };
    },

    async openLogsFolder() {
      const folder = source.logsFolder;
      if (folder === null) throw new KeyholeError('UNAUTHORIZED', 'a replay has no logs folder: the log lines the customer sent are in the bundle');
      mkdirSync(folder, { recursive: true }); // a fresh install may not have logged yet
      return { opened: platform.openFolder ? await platform.openFolder(folder) : false, folder };
    },
  };
}

/** The support verbs over the app's own core. */
export function createSupportHandlers(deps: HandlerDeps): SupportVerbs {
  const { support, logger } = deps.core;
  return createSupportVerbs(
    {
      bundle: (actionError) => support.buildBundle(actionError ? { actionError } : {}),
      describe: (bundle) => support.describe(bundle),
      logsFolder: logger.folder,
    },
    deps.platform,
  );
}
