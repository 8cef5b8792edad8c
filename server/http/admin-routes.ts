import { z } from 'zod';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { OffsetClock } from '../clock.ts';
import * as admin from '../licensing/admin-service.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { deactivateWithCode } from '../offline/offline-deactivation.ts';
import { activateOffline, requestFromCode } from '../offline/offline-requests.ts';
import { EmptyBody, ExpiryBody, LimitBody, OrderBody, PlanBody, planTerms, TestClockBody } from './admin-schemas.ts';
import { ActivateBody, activationRequest } from './public-routes.ts';
import type { Router } from './router.ts';
import { parseBody } from './validate-request.ts';

/*
 * The admin API. Bearer-token checking happens before routing (see app.ts), so every path under
 * /admin/ answers 401 alike to a caller without a token. `:ref` is a license id or a license key.
 */

// Offline codes are ~80–200 characters; the limit leaves room for spaces and line breaks in a paste.
const RequestCodeBody = z.strictObject({ request_code: z.string().max(1000) });
const DeactivationCodeBody = z.strictObject({ deactivation_code: z.string().max(1000) });

const activationId = (value: string | undefined) => {
  if (!value || !/^\d{1,15}$/.test(value)) throw new KeyholeError('REQUEST_INVALID', 'the activation id is a number');
  return Number(value);
};

export function addAdminRoutes(router: Router, ctx: LicensingContext, testClock: OffsetClock | null): void {
  const ref = (params: Readonly<Record<string, string>>) => params['ref'] ?? '';
  const noBody = (body: unknown) => body === undefined || parseBody(EmptyBody, body);

  router
    .add('POST', '/admin/plans', async ({ body }) => ({ status: 201, body: { plan: await admin.createPlan(ctx, planTerms(parseBody(PlanBody, body))) } }))
    .add('GET', '/admin/plans', async () => ({ body: { plans: await admin.listPlans(ctx) } }))
    .add('POST', '/admin/orders', async ({ body }) => {
      const license = await admin.createOrder(ctx, parseBody(OrderBody, body).plan_id);
      return { status: 201, body: { order: { id: license.order_id, created_at: license.created_at }, license } };
    })
    .add('GET', '/admin/licenses/:ref', async ({ params }) => ({ body: { license: await admin.showLicense(ctx, ref(params)) } }))
    .add('POST', '/admin/licenses/:ref/regenerate', async ({ params, body }) => {
      noBody(body);
      return { body: { license: await admin.regenerateKey(ctx, ref(params)) } };
    })
    .add('POST', '/admin/licenses/:ref/limit', async ({ params, body }) => ({
      body: { license: await admin.setActivationLimit(ctx, ref(params), parseBody(LimitBody, body).activation_limit) },
    }))
    .add('POST', '/admin/licenses/:ref/expiry', async ({ params, body }) => {
      const { expires_at } = parseBody(ExpiryBody, body);
      return { body: { license: await admin.setExpiry(ctx, ref(params), expires_at === null ? null : Date.parse(expires_at)) } };
    })
    .add('POST', '/admin/licenses/:ref/deactivate', async ({ params, body }) => {
      noBody(body);
      return { body: { license: await admin.deactivateLicense(ctx, ref(params)) } };
    })
    .add('GET', '/admin/licenses/:ref/activations', async ({ params }) => ({
      body: { activations: await admin.listActivations(ctx, ref(params)) },
    }))
    .add('POST', '/admin/licenses/:ref/activations/:activation/revoke', async ({ params, body }) => {
      noBody(body);
      return { body: await admin.revokeActivation(ctx, ref(params), activationId(params['activation'])) };
    })
    // Offline activation: the vendor turns what the customer sent (a request code, or key +
    // Instance ID + fingerprint) into an activation code; offline-only plans are allowed here.
    .add('POST', '/admin/offline-activations', async ({ body }) => {
      const request = hasField(body, 'request_code')
        ? requestFromCode(parseBody(RequestCodeBody, body).request_code, 'admin_api')
        : activationRequest(parseBody(ActivateBody, body));
      return { status: 201, body: await activateOffline(ctx, request) };
    })
    // Offline deactivation: frees the slot a deactivation code proves was given up.
    .add('POST', '/admin/offline-deactivations', async ({ body }) => ({
      body: await deactivateWithCode(ctx, parseBody(DeactivationCodeBody, body).deactivation_code),
    }));

  if (testClock) {
    // Only exists when the authority was started with --test-clock: E2E tests move its time.
    router.add('POST', '/admin/test-clock', ({ body }) => {
      testClock.setOffset(parseBody(TestClockBody, body).offset_ms);
      return { body: { offset_ms: testClock.offsetMs, now: new Date(testClock.now()).toISOString() } };
    });
  }
}

function hasField(body: unknown, name: string): boolean {
  return typeof body === 'object' && body !== null && name in body;
}
