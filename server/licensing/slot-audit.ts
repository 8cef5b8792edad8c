import type { StorageOperations } from '../storage/storage.ts';

/*
 * The audit trail's entry for a slot the customer freed with the key. The audit log itself is
 * being built elsewhere; this one function is where its `recordAudit` call goes, inside the
 * release's transaction so the entry and the release commit together.
 */

export interface SlotReleaseNote {
  readonly licenseId: number;
  readonly activationId: number;
  readonly at: number;
}

export async function noteSlotRelease(_tx: StorageOperations, _note: SlotReleaseNote): Promise<void> {
  // Until the audit log lands, the ended activation row (end_reason 'deactivated', ended_at) is the record.
}
