import type { AppInfo, HandlerTable, LicenseView } from '../../shared/ipc/contract.ts';
import type { LicenseCore } from '../create-license-core.ts';
import type { LicenseService } from '../license/license-service.ts';
import { createOfflineHandlers } from './handlers/offline-handlers.ts';
import { createSupportHandlers, type SupportPlatform } from './handlers/support-handlers.ts';
import type { LicenseSnapshot } from '../license/snapshot.ts';
import { toLicenseView } from './license-view.ts';

/*
 * The one handler table, typed by the contract (a missing or mistyped channel does not compile).
 * Plain Node over node-core's service, so Electron's IPC and the browser host serve the very
 * same functions through the same door. Handlers throw KeyholeError; the door makes it a Result.
 */

export interface HandlerDeps {
  readonly core: LicenseCore;
  readonly service: LicenseService;
  readonly info: AppInfo;
  /** Tells every window about a new snapshot (the caller gets it as its answer too). */
  readonly publish: (view: LicenseView) => void;
  /** Native capabilities (save dialog, file manager); absent ones fall back (see support-handlers.ts). */
  readonly platform?: SupportPlatform;
}

/**
 * What every group of handlers needs: publish what changed. (Read-only windows never reach these
 * handlers: replay serves its own table, node-core/replay/replay-host.ts, which refuses every change.)
 */
export function handlerKit({ publish }: HandlerDeps) {
  return {
    shown(snapshot: LicenseSnapshot): LicenseView {
      const view = toLicenseView(snapshot);
      publish(view);
      return view;
    },
  };
}

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const { service, info } = deps;
  const { shown } = handlerKit(deps);
  let activation: AbortController | null = null;

  return {
    getAppInfo: () => info,
    getLicense: async () => toLicenseView(await service.getStatus()),

    async activateOnline(licenseKey) {
      activation?.abort();
      const controller = new AbortController();
      activation = controller;
      try {
        return shown(await service.activateOrChangeKey(licenseKey, { signal: controller.signal }));
      } finally {
        if (activation === controller) activation = null;
      }
    },

    cancelActivation() {
      const running = activation;
      activation = null;
      running?.abort();
      return { cancelled: running !== null };
    },

    async validateNow() {
      const outcome = await service.validateNow();
      return { license: shown(outcome.snapshot), problem: outcome.error };
    },

    async deactivate() {
      return shown(await service.deactivate());
    },

    ...createOfflineHandlers(deps),
    ...createSupportHandlers(deps),
  };
}
