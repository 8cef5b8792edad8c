import type { HandlerTable } from '../../shared/ipc/contract.ts';
import type { OFFLINE_CHANNELS } from '../../shared/ipc/channels/offline.ts';
import type { HandlerDeps } from '../handlers.ts';

/* The offline activation verbs of the handler table (issue 5). */
export function createOfflineHandlers(_deps: HandlerDeps): Pick<HandlerTable, keyof typeof OFFLINE_CHANNELS> {
  return {};
}
