import { createHmac, timingSafeEqual } from 'node:crypto';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { ActivationRecord, LicenseRecord } from '../storage/storage.ts';
import type { LicensingContext } from './context.ts';
import { licenseView } from './license-views.ts';
import { licenseForKey } from './public-service.ts';
import { actorOf, recordAudit } from './audit.ts';
import { assertDeviceProof, assertReleaseAllowed } from './slot-release.ts';
import { isLeasedMode } from '../../shared/license/certificate.ts';

/*
 * Self-service slot recovery: whoever holds the key sees which machines use it and may free one
 * (a lost or reinstalled PC), within the plan's release cap. Nothing here hands out another
 * machine's Instance ID: a slot is named by an opaque reference, a keyed hash of the activation,
 * that means nothing outside this license. Air-gapped and offline slots are listed but stay
 * bound to their device's proof (slot-release.ts): they never check in, so freeing them from
 * here would leave the old machine licensed. A caller that names its own Instance ID learns which
 * slot is its own (`this_machine`, compared on the full ID here), still without any full ID back.
 */

const iso = (ms: number) => new Date(ms).toISOString();

/** The reference the list hands out for one activation: stable, unguessable, bound to the license. */
export function slotReference(secret: Uint8Array, activation: Pick<ActivationRecord, 'id' | 'licenseId'>): string {
  return createHmac('sha256', secret).update(`slot:${activation.licenseId}:${activation.id}`).digest('base64url').slice(0, 22);
}

function sameReference(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The caller's own Instance ID (canonical), when it named one: only to mark its own slot. */
type Caller = string | null;

function slotView(ctx: LicensingContext, license: LicenseRecord, activation: ActivationRecord, caller: Caller) {
  // Leased slots (online, trial) check in, so a slot freed here is learned at the next validation.
  const freeable = isLeasedMode(license.plan.mode);
  return {
    slot: slotReference(ctx.secret, activation),
    name: activation.instanceName,
    device: { os: activation.metadata.os ?? null, app_version: activation.metadata.app_version ?? null },
    // Enough to tell two unnamed machines apart, never enough to stand in for one.
    instance_id_end: activation.instanceId.slice(-4),
    mode: license.plan.mode,
    activated_at: iso(activation.createdAt),
    last_seen_at: iso(activation.lastSeenAt),
    freeable,
    this_machine: caller !== null && activation.instanceId === caller,
    // Why a slot cannot be freed here, as a catalog code the screens explain.
    ...(freeable ? {} : { refusal: 'DEACTIVATION_PROOF_REQUIRED' as const }),
  };
}

async function slotList(ctx: LicensingContext, license: LicenseRecord, live: readonly ActivationRecord[], caller: Caller) {
  const now = ctx.clock.now();
  return {
    license: licenseView(license, live.length, now),
    activations: live.map((activation) => slotView(ctx, license, activation, caller)),
  };
}

const liveOnly = (all: readonly ActivationRecord[]) => all.filter((activation) => activation.endedAt === null);

/** The license's live activations, as the one holding `licenseKey` (on the machine `caller`, if named) may see them. */
export async function listSlots(ctx: LicensingContext, licenseKey: string, caller: Caller = null) {
  const license = await licenseForKey(ctx.storage, licenseKey);
  return slotList(ctx, license, liveOnly(await ctx.storage.listActivations(license.id)), caller);
}

/**
 * Frees the slot `slot` names, counted against the plan's release cap like the device's own
 * deactivation; the freed machine learns it at its next validation (NOT_ACTIVATED). Answers the
 * list as it is afterwards, plus the freed machine's name for the confirmation.
 */
export async function releaseSlot(ctx: LicensingContext, licenseKey: string, slot: string, caller: Caller = null) {
  const now = ctx.clock.now();
  const { license, freed, live } = await ctx.storage.transaction(async (tx) => {
    const license = await licenseForKey(tx, licenseKey);
    const live = liveOnly(await tx.listActivations(license.id));
    const target = live.find((activation) => sameReference(slotReference(ctx.secret, activation), slot));
    if (!target) throw new KeyholeError('NOT_FOUND', 'this activation slot is already free, or is not one of this license');
    assertDeviceProof(license, target, null);
    await assertReleaseAllowed(tx, license, now);
    await tx.endActivation(target.id, now, 'deactivated', actorOf(ctx));
    await recordAudit(tx, ctx, {
      action: 'activation.release',
      licenseId: license.id,
      orderId: license.orderId,
      before: { activation: target.id, instance: target.instanceName ?? `…${target.instanceId.slice(-4)}`, status: 'active' },
      after: { activation: target.id, status: 'deactivated' },
    });
    return { license, freed: target, live: live.filter((activation) => activation.id !== target.id) };
  });
  return { released: { slot, name: freed.instanceName, instance_id_end: freed.instanceId.slice(-4) }, ...(await slotList(ctx, license, live, caller)) };
}
