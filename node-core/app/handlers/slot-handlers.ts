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

/**
 * The authority's answer in the contract's shape (camelCase, epoch ms), with this machine's slot
 * marked: the authority hands out 4 characters of each Instance ID, and main knows its own in full.
 * Two slots ending alike mark neither, so the mark is never a guess between machines.
 */
export function toSlotList(answer: SlotListAnswer, ownInstanceId: string): SlotList {
  const ownEnd = ownInstanceId.slice(-4);
  const mine = answer.activations.filter((slot) => slot.instance_id_end === ownEnd).length === 1 ? ownEnd : null;
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
      thisMachine: slot.instance_id_end === mine,
    })),
  };
}

export function createSlotHandlers({ core }: HandlerDeps): Pick<HandlerTable, keyof typeof SLOT_CHANNELS> {
  // The machine that speaks for this installation (the hardware read), as activation uses it.
  const ownInstanceId = async () => (await core.machine.get({ confirmed: true })).instanceId;
  return {
    async listSlots(licenseKey) {
      const answer = await core.authority.listActivations({ license_key: parseLicenseKey(licenseKey) });
      return toSlotList(answer.body, await ownInstanceId());
    },
    async freeSlot(licenseKey, slot) {
      const answer = await core.authority.releaseActivation({ license_key: parseLicenseKey(licenseKey), slot });
      return { ...toSlotList(answer.body, await ownInstanceId()), freed: { name: answer.body.released?.name ?? null } };
    },
  };
}
