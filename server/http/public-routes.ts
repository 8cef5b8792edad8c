import { z } from 'zod';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { PublicKeySet } from '../../shared/license/signing.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { activate, deactivate, validate, type ActivationRequest } from '../licensing/public-service.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Router } from './router.ts';
import {
  canonicalInstanceId,
  canonicalKey,
  fingerprintField,
  instanceIdField,
  licenseKeyField,
  metadataField,
  parseBody,
  printableText,
  UNKNOWN_FINGERPRINT,
} from './validate-request.ts';

/* The routes the desktop app calls, exactly as issue 3 names them, plus the key set and a health check. */

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

export function addPublicRoutes(
  router: Router,
  ctx: LicensingContext,
  keySet: () => PublicKeySet | Promise<PublicKeySet>,
  perKeyLimiter: RateLimiter | null,
): void {
  // Per-key limiting after parsing, so every spelling of one key shares a bucket.
  const limitKey = (licenseKey: string) => {
    const verdict = perKeyLimiter?.take(hashSecret(licenseKey));
    if (verdict && !verdict.ok) throw rateLimited(verdict.retryAfterSeconds);
    return licenseKey;
  };

  router
    .add('POST', '/license/activate', async ({ body }) => {
      const request = activationRequest(parseBody(ActivateBody, body));
      limitKey(request.licenseKey);
      return { body: await activate(ctx, request) };
    })
    .add('POST', '/license/validate', async ({ body }) => {
      const parsed = parseBody(ValidateBody, body);
      const licenseKey = limitKey(canonicalKey(parsed.license_key));
      const instanceId = parsed.instance_id === undefined ? null : canonicalInstanceId(parsed.instance_id);
      return { body: await validate(ctx, { licenseKey, instanceId }) };
    })
    .add('POST', '/license/deactivate', async ({ body }) => {
      const parsed = parseBody(DeactivateBody, body);
      const licenseKey = limitKey(canonicalKey(parsed.license_key));
      const instanceId = canonicalInstanceId(parsed.instance_id);
      return { body: await deactivate(ctx, { licenseKey, instanceId, certificate: parsed.certificate ?? null }) };
    })
    .add('GET', '/.well-known/keyhole.json', async () => {
      const set = await keySet();
      return {
        body: {
          product_id: set.productId,
          algorithm: 'Ed25519',
          keys: set.keys.map((key) => ({ id: key.id, public_key: key.publicKey })),
        },
        headers: { 'cache-control': 'public, max-age=300' },
      };
    })
    .add('GET', '/healthz', () => ({ body: { ok: true } }));
}

export function rateLimited(retryAfterSeconds: number): KeyholeError {
  return new KeyholeError('RATE_LIMITED', `try again in ${retryAfterSeconds} s`, { retry_after_seconds: retryAfterSeconds });
}
