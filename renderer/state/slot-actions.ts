import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import type { KeyholeApi } from '../../shared/ipc/contract.ts';
import type { SlotState } from './slot-state.ts';
import type { ActionName, AppStore } from './store.ts';

/*
 * Self-service slot recovery on the activation screen: after "Activation limit reached", list the
 * machines that hold the license (with the key in the field), free one after a confirmation that
 * names it, then activate this machine in the same flow. Failures (the release cap, a wrong key)
 * go through the app's own error panel.
 */

/** The slot recovery slice of the app store (`slots`). */
export const SLOT_FOCUS = {
  heading: 'slots-title',
  confirm: 'confirm-free-slot',
} as const;

/** The button focus returns to when a confirmation is dismissed. */
export const freeButtonId = (slot: string) => `free-${slot}`;

export interface SlotActionDeps {
  readonly store: AppStore;
  readonly api: KeyholeApi;
  readonly fail: (action: ActionName, error: ErrorInfo) => void;
  readonly announce: (text: string) => void;
  readonly focus: (target: string) => void;
  /** Activates the key in the field (the app's ordinary activate). */
  readonly activate: () => Promise<void>;
}

/** How a machine is named on screen and in the confirmation: its name, else the end of its Instance ID. */
export function machineLabel(slot: { readonly name: string | null; readonly instanceIdEnd: string }): string {
  return slot.name ?? `Unnamed machine (Instance ID ending ${slot.instanceIdEnd})`;
}

export function createSlotActions({ store, api, fail, announce, focus, activate }: SlotActionDeps) {
  const set = (slots: SlotState | null, more: object = {}) => store.setState({ slots, ...more });
  return {
    /** "Free a slot": loads the license's machines for the key in the field. */
    async open(): Promise<void> {
      const { keyInput, busy } = store.getState();
      if (busy) return;
      set({ list: null, confirming: null }, { busy: 'freeSlot', problem: null });
      announce('Looking up the machines that use this license…');
      const result = await api.listSlots(keyInput);
      if (!result.ok) {
        set(null);
        fail('freeSlot', result.error);
        return;
      }
      set({ list: result.value, confirming: null }, { busy: null });
      announce(`${result.value.slots.length} machine${result.value.slots.length === 1 ? '' : 's'} use this license.`);
      focus(SLOT_FOCUS.heading);
    },
    askFree(slot: string): void {
      const slots = store.getState().slots;
      if (!slots) return;
      set({ ...slots, confirming: slot });
      focus(SLOT_FOCUS.confirm);
    },
    keep(): void {
      const slots = store.getState().slots;
      if (!slots?.confirming) return;
      const back = slots.confirming;
      set({ ...slots, confirming: null });
      focus(freeButtonId(back));
    },
    close(): void {
      set(null);
    },
    /** Frees the confirmed slot, then activates this machine in it. */
    async free(): Promise<void> {
      const { keyInput, busy, slots } = store.getState();
      const chosen = slots?.list?.slots.find((slot) => slot.slot === slots.confirming);
      if (busy || !slots || !chosen) return;
      store.setState({ busy: 'freeSlot', problem: null });
      const result = await api.freeSlot(keyInput, chosen.slot);
      if (!result.ok) {
        set({ ...slots, confirming: null });
        fail('freeSlot', result.error);
        return;
      }
      const { freed, ...list } = result.value;
      const done = `The slot of ${machineLabel({ ...chosen, name: freed.name ?? chosen.name })} is free.`;
      set({ list, confirming: null }, { busy: null, notice: `${done} Activating this machine…` });
      announce(`${done} Activating this machine…`);
      await activate();
      // Activated: one confirmation says both what was freed and what happened here.
      if (store.getState().problem === null) set(null, { notice: `${done} ${store.getState().notice ?? ''}`.trim() });
    },
  };
}
