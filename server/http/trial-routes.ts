import { z } from 'zod';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { LicensingContext } from '../licensing/context.ts';
import { startTrial } from '../licensing/trials.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import { guardMethods } from './method-guard.ts';
import { takeOrRefuse } from './public-routes.ts';
import type { RateLimitStore } from './rate-limit.ts';
import { canonicalInstanceId, fingerprintField, instanceIdField, metadataField, printableText, UNKNOWN_FINGERPRINT } from './validate-request.ts';

/*
 * POST /license/trial: "Start free trial" in the app. No key: the answer carries the new trial
 * license's key beside what activate answers. Rate-limited like activate: the per-address budget
 * (app.ts) and a per-machine bucket keyed by the Instance ID, as activate's is by the key.
 */

export const TrialBody = z.strictObject({
  instance_id: instanceIdField,
  instance_name: printableText(100).min(1).optional(),
  fingerprint: fingerprintField.optional(),
  metadata: metadataField.optional(),
  app_version: printableText(40).min(1).optional(),
});

export interface TrialRouteOptions {
  readonly context: LicensingContext;
  readonly keyLimiter: RateLimitStore | null;
}

export function trialRoutes({ context, keyLimiter }: TrialRouteOptions): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    const seal = guardMethods(app);
    app.post('/license/trial', { schema: { body: TrialBody } }, async ({ body }) => {
      const instanceId = canonicalInstanceId(body.instance_id);
      await takeOrRefuse(keyLimiter, hashSecret(`trial:${instanceId}`));
      return await startTrial(context, {
        instanceId,
        instanceName: body.instance_name ?? null,
        fingerprint: body.fingerprint ?? UNKNOWN_FINGERPRINT,
        metadata: { ...body.metadata, ...(body.app_version === undefined ? {} : { app_version: body.app_version }) },
      });
    });
    seal();
  };
}
