import type { HandlerTable } from '../../../shared/ipc/contract.ts';
import type { DeactivationCodeInfo, OFFLINE_CHANNELS } from '../../../shared/ipc/channels/offline.ts';
import type { OfflineDeactivation } from '../../license/license-service.ts';
import { qrSvg } from '../../license/offline-request.ts';
import { viewPublisher, type HandlerDeps } from './handler-deps.ts';

/*
 * The offline activation verbs of the handler table. Every change publishes the new view
 * to every window.
 */

/** The core's deactivation code plus its QR code, so it can leave an air-gapped machine by phone. */
async function withQr(deactivation: OfflineDeactivation): Promise<DeactivationCodeInfo> {
  return { code: deactivation.code, manualUrl: deactivation.manualUrl, qrSvg: await qrSvg(deactivation.code) };
}

export function createOfflineHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof OFFLINE_CHANNELS> {
  const { service } = deps;
  const { shown } = viewPublisher(deps);
  return {
    async createRequestCode(licenseKey) {
      const request = await service.createRequestCode(licenseKey);
      // Every window learns of the pending step, so a second window or a reload offers it again.
      shown(await service.getStatus());
      return request;
    },
    async discardRequestCode() {
      service.discardRequestCode();
      return shown(await service.getStatus());
    },
    async activateOffline(activationCode) {
      return shown(await service.activateOffline(activationCode));
    },
    async deactivateOffline() {
      const deactivation = await withQr(await service.deactivateOffline());
      return { license: shown(await service.getStatus()), deactivation };
    },
    async pendingDeactivation() {
      const pending = service.pendingDeactivation();
      return pending && withQr(pending);
    },
    dismissDeactivationCode() {
      service.dismissDeactivationCode();
      return { dismissed: true };
    },
  };
}
