import type { SlotList } from '../../shared/ipc/channels/slots.ts';

/* The slot-recovery slice of the app store (./store.ts holds it as `slots`). */

export interface SlotState {
  /** Null while the list loads. */
  readonly list: SlotList | null;
  /** The slot whose "Free" was chosen and awaits "Yes, free it". */
  readonly confirming: string | null;
}
