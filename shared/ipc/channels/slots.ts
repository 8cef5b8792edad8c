import { z } from 'zod';
import type { LicenseMode } from '../../license/certificate.ts';
import { pastedText, returns } from '../returns.ts';

/*
 * Self-service slot recovery: with the key in hand, see which machines hold the license's slots
 * and free one. Spread into CHANNELS by ../contract.ts.
 */

/** One machine holding a slot, as the authority lets the key holder see it. */
export interface SlotInfo {
  /** Opaque: names the slot to the authority, means nothing anywhere else. */
  readonly slot: string;
  /** The instance name the machine reported when it activated; null when it sent none. */
  readonly name: string | null;
  readonly os: string | null;
  readonly appVersion: string | null;
  /** The last 4 characters of its Instance ID: enough to tell two machines apart, never one in full. */
  readonly instanceIdEnd: string;
  readonly mode: LicenseMode;
  /** Epoch ms; the screen writes it in the user's locale. */
  readonly lastSeenAt: number;
  /** False for air-gapped and offline slots: only their own device (or its deactivation code) frees them. */
  readonly freeable: boolean;
  /**
   * This machine holds the slot: the authority compared the Instance ID main sent with the slot's in
   * full (the full ID of a slot never leaves the authority). False from an authority that does not mark.
   */
  readonly thisMachine: boolean;
}

export interface SlotList {
  readonly activationLimit: number | null;
  readonly activationsUsed: number;
  readonly slots: readonly SlotInfo[];
}

/** A slot reference as the list hands them out; anything else is refused at the door. */
export const slotReference = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/**
 * The slot recovery verbs of the contract.
 *
 * @example
 * CHANNELS.listSlots.request.parse(['KH-…']) // validated arguments, as main's door does
 */
export const SLOT_CHANNELS = {
  /** The key as typed; main parses it again before asking the authority. */
  listSlots: { channel: 'keyhole:slots:list', request: z.tuple([pastedText]), response: returns<SlotList>() },
  /** Frees one slot of the key's license (counted against the plan's release cap); answers the list after. */
  freeSlot: {
    channel: 'keyhole:slots:free',
    request: z.tuple([pastedText, slotReference]),
    response: returns<SlotList & { readonly freed: { readonly name: string | null } }>(),
  },
} as const;
