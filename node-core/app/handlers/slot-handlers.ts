import { parseLicenseKey } from '../../../shared/format/license-key.ts';
import type { HandlerTable } from '../../../shared/ipc/contract.ts';
import type { SLOT_CHANNELS, SlotList } from '../../../shared/ipc/channels/slots.ts';
import type { SlotListAnswer } from '../../authority/wire.ts';
import type { HandlerDeps } from './handler-deps.ts';

/*
 * Slot recovery verbs: the key the user typed is parsed here again (a format error never reaches
 * the network), then the authority lists or frees. Nothing about this machine's own license
 * changes; activating in the freed slot is the ordinary activate call the user makes next.
 */

/** The authority's answer in the contract's shape (camelCase, epoch ms). */
export function toSlotList(answer: SlotListAnswer): SlotList {
  return {
    activationLimit: answer.license.activation_limit ?? null,
    activationsUsed: answer.license.activations_used ?? answer.activations.length,
    slots: answer.activations.map((slot) => ({
      slot: slot.slot,
      name: slot.name,
      os: slot.device?.os ?? null,
      appVersion: slot.device?.app_version ?? null,
      instanceIdEnd: slot.instance_id_end,
      mode: slot.mode,
      lastSeenAt: slot.last_seen_at,
      freeable: slot.freeable,
      thisMachine: slot.this_machine,
    })),
  };
}

export function createSlotHandlers({ core }: HandlerDeps): Pick<HandlerTable, keyof typeof SLOT_CHANNELS> {
  // The key parsed first (a typo never reaches the network), then this machine's Instance ID as
  // activation uses it (the hardware read): the authority compares it in full to mark this machine's slot.
  const request = async (licenseKey: string) => {
    const license_key = parseLicenseKey(licenseKey);
    return { license_key, instance_id: (await core.machine.get({ confirmed: true })).instanceId };
  };
  return {
    async listSlots(licenseKey) {
      const answer = await core.authority.listActivations(await request(licenseKey));
      return toSlotList(answer.body);
    },
    async freeSlot(licenseKey, slot) {
      const answer = await core.authority.releaseActivation({ ...(await request(licenseKey)), slot });
      return { ...toSlotList(answer.body), freed: { name: answer.body.released?.name ?? null } };
    },
  };
}
