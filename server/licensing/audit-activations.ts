import type { StorageOperations } from '../storage/storage.ts';
import { licenseTarget, recordAudit } from './audit.ts';
import type { LicensingContext } from './context.ts';

/*
 * The vendor's side of the offline exchange (POST /admin/offline-activations and
 * /admin/offline-deactivations, `keyhole offline activate|deactivate`) runs the very operations a
 * device's own calls and the manual page run, which are the customer's and not audited. Handed
 * this context instead, every transaction those operations open also records, in that same
 * transaction, one event per activation it started, renewed or ended: the rules stay in one place
 * and the event cannot be missing from a change that happened (or exist for one rolled back).
 */

type Touch = { readonly id: number; readonly how: 'started' | 'renewed' | 'ended' };

/** `ctx`, with the activations its operations start, renew or end recorded in the audit log. */
export function auditingActivations(ctx: LicensingContext): LicensingContext {
  const { storage } = ctx;
  const transaction = <T>(work: (tx: StorageOperations) => Promise<T>): Promise<T> =>
    storage.transaction(async (tx) => {
      const touched: Touch[] = [];
      const answer = await work(watching(tx, touched));
      for (const touch of touched) await record(tx, ctx, touch);
      return answer;
    });
  return { ...ctx, storage: { ...storage, transaction } };
}

function watching(tx: StorageOperations, touched: Touch[]): StorageOperations {
  return {
    ...tx,
    insertActivation: async (activation) => {
      const made = await tx.insertActivation(activation);
      touched.push({ id: made.id, how: 'started' });
      return made;
    },
    refreshActivation: async (id, update) => {
      await tx.refreshActivation(id, update);
      touched.push({ id, how: 'renewed' });
    },
    endActivation: async (id, at, reason, endedBy) => {
      const ended = await tx.endActivation(id, at, reason, endedBy);
      if (ended) touched.push({ id, how: 'ended' });
      return ended;
    },
  };
}

async function record(tx: StorageOperations, ctx: LicensingContext, { id, how }: Touch): Promise<void> {
  const activation = await tx.findActivation(id);
  const license = activation && (await tx.findLicenseById(activation.licenseId));
  if (!activation || !license) return;
  const which = { activation_id: activation.id, instance_id: activation.instanceId };
  await recordAudit(tx, ctx, {
    action: how === 'ended' ? 'activation.offline_deactivate' : 'activation.offline_activate',
    ...licenseTarget(license),
    ...(how === 'started' ? {} : { before: { ...which, status: 'active' } }),
    after: { ...which, status: activation.endReason ?? 'active', ...(how === 'renewed' ? { certificate: 'issued again' } : {}) },
  });
}
