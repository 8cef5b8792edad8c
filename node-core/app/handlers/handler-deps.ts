import type { AppInfo, LicenseView } from '../../../shared/ipc/contract.ts';
import type { LicenseCore } from '../../create-license-core.ts';
import type { LicenseService } from '../../license/license-service.ts';
import type { LicenseSnapshot } from '../../license/snapshot.ts';
import type { LinkInbox } from '../link-inbox.ts';
import { toLicenseView } from '../license-view.ts';

/* What every group of handlers is built from; its own module so handlers.ts and ./* share it. */

/** Native capabilities of the host; each is optional and the verbs fall back without it. */
export interface SupportPlatform {
  /** Asks where to save (a native save dialog); null when the user cancelled. */
  chooseSavePath?(suggestedName: string): Promise<string | null>;
  /** Opens a folder in the OS file manager; false when that did not work. */
  openFolder?(folder: string): Promise<boolean>;
  /** Opens a web or mailto address in the OS default app; false when that did not work. */
  openAddress?(address: string): Promise<boolean>;
}

export interface HandlerDeps {
  readonly core: LicenseCore;
  readonly service: LicenseService;
  readonly info: AppInfo;
  /** Tells every window about a new snapshot (the caller gets it as its answer too). */
  readonly publish: (view: LicenseView) => void;
  /** Native capabilities (save dialog, file manager); absent ones fall back (see support-handlers.ts). */
  readonly platform?: SupportPlatform;
  /** Activate links that reached main, waiting for the window. */
  readonly links: LinkInbox;
}

/**
 * What every group of handlers needs: publish what changed. (Read-only windows never reach these
 * handlers: replay serves its own table, node-core/replay/replay-host.ts, which refuses every change.)
 */
export function viewPublisher({ publish }: HandlerDeps) {
  return {
    shown(snapshot: LicenseSnapshot): LicenseView {
      const view = toLicenseView(snapshot);
      publish(view);
      return view;
    },
  };
}
