import { z } from 'zod';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { PublicKeySet } from '../../shared/license/signing.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { activate, deactivate, validate, type ActivationRequest } from '../licensing/public-service.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { guardMethods } from './method-guard.ts';
import type { RateLimitStore } from './rate-limit.ts';
import {
  canonicalInstanceId,
  canonicalKey,
  fingerprintField,
  instanceIdField,
  licenseKeyField,
  metadataField,
  printableText,
  UNKNOWN_FINGERPRINT,
} from './validate-request.ts';

/* The routes the desktop app calls, plus the key set and a health check. */

export const ActivateBody = z.strictObject({
  license_key: licenseKeyField,
  instance_id: instanceIdField,
  instance_name: printableText(100).min(1).optional(),
  fingerprint: fingerprintField.optional(),
  metadata: metadataField.optional(),
});

const ValidateBody = z.strictObject({ license_key: licenseKeyField, instance_id: instanceIdField.optional() });
// `certificate`: the activation code the device is removing, its proof for air-gapped and offline plans.
const DeactivateBody = z.strictObject({ license_key: licenseKeyField, instance_id: instanceIdField, certificate: z.string().max(2000).optional() });

/** Turns a checked activate body into the service's request (canonical key and Instance ID). */
export function activationRequest(body: z.infer<typeof ActivateBody>): ActivationRequest {
  return {
    licenseKey: canonicalKey(body.license_key),
    instanceId: canonicalInstanceId(body.instance_id),
    instanceName: body.instance_name ?? null,
    fingerprint: body.fingerprint ?? UNKNOWN_FINGERPRINT,
    metadata: body.metadata ?? {},
  };
}

export interface PublicRouteOptions {
  readonly context: LicensingContext;
  /** The published keys now (async: another instance may have rotated them). */
  readonly keySet: () => Promise<PublicKeySet>;
  readonly keyLimiter: RateLimitStore | null;
}

const WellKnownAnswer = z.object({
  product_id: z.string(),
  algorithm: z.literal('Ed25519'),
  keys: z.array(z.object({ id: z.number(), public_key: z.string() })),
});

export function publicRoutes({ context: ctx, keySet, keyLimiter }: PublicRouteOptions): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    const seal = guardMethods(app);
    // Per-key limiting after parsing, so every spelling of one key shares a bucket.
    const limitKey = async (licenseKey: string) => {
      if (keyLimiter) await takeOrRefuse(keyLimiter, hashSecret(licenseKey));
      return licenseKey;
    };

    app.post('/license/activate', { schema: { body: ActivateBody } }, async (request) => {
      const activation = activationRequest(request.body);
      await limitKey(activation.licenseKey);
      return await activate(ctx, activation);
    });
    app.post('/license/validate', { schema: { body: ValidateBody } }, async ({ body }) => {
      const licenseKey = await limitKey(canonicalKey(body.license_key));
      const instanceId = body.instance_id === undefined ? null : canonicalInstanceId(body.instance_id);
      return await validate(ctx, { licenseKey, instanceId });
    });
    app.post('/license/deactivate', { schema: { body: DeactivateBody } }, async ({ body }) => {
      const licenseKey = await limitKey(canonicalKey(body.license_key));
      const instanceId = canonicalInstanceId(body.instance_id);
      return await deactivate(ctx, { licenseKey, instanceId, certificate: body.certificate ?? null });
    });
    app.get('/.well-known/keyhole.json', { schema: { response: { 200: WellKnownAnswer } } }, async (_request, reply) => {
      const set = await keySet();
      reply.header('cache-control', 'public, max-age=300');
      return { product_id: set.productId, algorithm: 'Ed25519' as const, keys: set.keys.map((key) => ({ id: key.id, public_key: key.publicKey })) };
    });
    app.get('/healthz', { schema: { response: { 200: z.object({ ok: z.literal(true) }) } } }, async () => ({ ok: true as const }));
    seal();
  };
}

/** Takes one token from `store` for `key`, or throws RATE_LIMITED with the wait. */
export async function takeOrRefuse(store: RateLimitStore | null, key: string): Promise<void> {
  const verdict = await store?.take(key);
  if (verdict && !verdict.ok) throw rateLimited(verdict.retryAfterSeconds);
}

export function rateLimited(retryAfterSeconds: number): KeyholeError {
  return new KeyholeError('RATE_LIMITED', `try again in ${retryAfterSeconds} s`, { retry_after_seconds: retryAfterSeconds });
}
