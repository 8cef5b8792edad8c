import type { HandlerTable } from '../../shared/ipc/contract.ts';
import { createOfflineHandlers } from './handlers/offline-handlers.ts';
import { viewPublisher, type HandlerDeps } from './handlers/handler-deps.ts';
import { createSlotHandlers } from './handlers/slot-handlers.ts';
import { createSupportHandlers } from './handlers/support-handlers.ts';
import { createVendorVerbs } from './handlers/vendor-handlers.ts';
import { toLicenseView } from './license-view.ts';

/*
 * The one handler table, typed by the contract (a missing or mistyped channel does not compile).
 * Plain Node over node-core's service, so Electron's IPC and the browser host serve the very
 * same functions through the same door. Handlers throw KeyholeError; the door makes it a Result.
 */

export type { HandlerDeps } from './handlers/handler-deps.ts';

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const { service, info } = deps;
  const { shown } = viewPublisher(deps);
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

    async startTrial() {
      return shown(await service.startTrial());
    },
    takeLinkedKey: () => ({ key: deps.links.take() }),

    ...createOfflineHandlers(deps),
    ...createSlotHandlers(deps),
    ...createSupportHandlers(deps),
    ...createVendorVerbs(info, deps.platform),
  };
}
