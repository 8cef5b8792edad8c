import type { HandlerTable } from '../../shared/ipc/contract.ts';
import type { SUPPORT_CHANNELS } from '../../shared/ipc/channels/support.ts';
import type { HandlerDeps } from '../handlers.ts';

/* The support verbs of the handler table (issue 6). */
export function createSupportHandlers(_deps: HandlerDeps): Pick<HandlerTable, keyof typeof SUPPORT_CHANNELS> {
  return {};
}
