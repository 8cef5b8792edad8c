import { z } from 'zod';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actingAs, type LicensingContext } from '../licensing/context.ts';
import { listSlots, releaseSlot } from '../licensing/slot-recovery.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import { guardMethods } from './method-guard.ts';
import { takeOrRefuse } from './public-routes.ts';
import type { RateLimitStore } from './rate-limit.ts';
import { canonicalInstanceId, canonicalKey, instanceIdField, licenseKeyField } from './validate-request.ts';

/*
 * Self-service slot recovery for whoever holds the key (server/licensing/slot-recovery.ts): list
 * the license's activations, free one. Both spend the per-address budget (the /license/ hook in
 * app.ts) and the key's own bucket, like activate; a wrong key gets activate's LICENSE_INVALID.
 * The caller may name its own `instance_id` (checked like everywhere else) to have its own slot
 * marked `this_machine`.
 */

const ListBody = z.strictObject({ license_key: licenseKeyField, instance_id: instanceIdField.optional() });
const ReleaseBody = ListBody.extend({ slot: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'an activation slot reference from the list') });

const callerOf = (body: { readonly instance_id?: string | undefined }) => (body.instance_id === undefined ? null : canonicalInstanceId(body.instance_id));

export interface SlotRouteOptions {
  readonly context: LicensingContext;
  readonly keyLimiter: RateLimitStore | null;
}

export function slotRoutes({ context, keyLimiter }: SlotRouteOptions): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    const seal = guardMethods(app);
    const limitKey = async (typed: string) => {
      const licenseKey = canonicalKey(typed);
      await takeOrRefuse(keyLimiter, hashSecret(licenseKey));
      return licenseKey;
    };
    app.post('/license/activations', { schema: { body: ListBody } }, async ({ body }) => {
      const caller = callerOf(body);
      return listSlots(context, await limitKey(body.license_key), caller);
    });
    app.post('/license/activations/release', { schema: { body: ReleaseBody } }, async ({ body, id }) => {
      const caller = callerOf(body);
      return releaseSlot(actingAs(context, { actor: 'customer', requestId: id }), await limitKey(body.license_key), body.slot, caller);
    });
    seal();
  };
}
