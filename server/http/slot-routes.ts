import { z } from 'zod';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actingAs, type LicensingContext } from '../licensing/context.ts';
import { listSlots, releaseSlot } from '../licensing/slot-recovery.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import { guardMethods } from './method-guard.ts';
import { takeOrRefuse } from './public-routes.ts';
import type { RateLimitStore } from './rate-limit.ts';
import { canonicalKey, licenseKeyField } from './validate-request.ts';

/*
 * Self-service slot recovery for whoever holds the key (server/licensing/slot-recovery.ts): list
 * the license's activations, free one. Both spend the per-address budget (the /license/ hook in
 * app.ts) and the key's own bucket, like activate; a wrong key gets activate's LICENSE_INVALID.
 */

const ListBody = z.strictObject({ license_key: licenseKeyField });
const ReleaseBody = z.strictObject({ license_key: licenseKeyField, slot: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'an activation slot reference from the list') });

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
    app.post('/license/activations', { schema: { body: ListBody } }, async ({ body }) => listSlots(context, await limitKey(body.license_key)));
    app.post('/license/activations/release', { schema: { body: ReleaseBody } }, async (request) =>
      releaseSlot(actingAs(context, { actor: 'customer', requestId: request.id }), await limitKey(request.body.license_key), request.body.slot),
    );
    seal();
  };
}
