import type { HandlerTable } from '../../../shared/ipc/contract.ts';
import type { DeactivationCodeInfo, OFFLINE_CHANNELS } from '../../../shared/ipc/channels/offline.ts';
import type { OfflineDeactivation } from '../../license/license-service.ts';
import { qrSvg } from '../../license/offline-request.ts';
import { viewPublisher, type HandlerDeps } from './handler-deps.ts';

/*
 * The offline activation verbs of the handler table. Every change publishes the new view
 * to every window. The pending request code (it encodes the key) is answered only here, to the
 * activation screens: read-only windows never reach these verbs (shared/ipc/read-only.ts).
 */

/** The core's deactivation code plus its QR code, so it can leave an air-gapped machine by phone. */
async function withQr(deactivation: OfflineDeactivation): Promise<DeactivationCodeInfo> {
  return { code: deactivation.code, manualUrl: deactivation.manualUrl, qrSvg: await qrSvg(deactivation.code) };
}

export function createOfflineHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof OFFLINE_CHANNELS> {
  const { service } = deps;
  const { shown } = viewPublisher(deps);
  return {
    // The license view does not change with a request code (it never carries one), so nothing is published.
    createRequestCode(licenseKey) {
      return service.createRequestCode(licenseKey);
    },
    getOfflineRequest() {
      return service.offlineRequest();
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
