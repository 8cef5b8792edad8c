import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { OffsetClock } from '../clock.ts';
import { placeOrder, searchOrders, showOrder } from '../licensing/admin-orders.ts';
import * as admin from '../licensing/admin-service.ts';
import { auditingActivations } from '../licensing/audit-activations.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { deactivateWithCode } from '../offline/offline-deactivation.ts';
import { activateOffline, requestFromCode } from '../offline/offline-requests.ts';
import {
  EmptyBody,
  ExpiryBody,
  IdempotencyHeaders,
  LimitBody,
  OrderBody,
  OrderQuery,
  orderSearch,
  PageQuery,
  PlanBody,
  planTerms,
  TestClockBody,
} from './admin-schemas.ts';
import { callerContext } from './console-auth.ts';
import { guardMethods } from './method-guard.ts';
import { ActivateBody, activationRequest } from './public-routes.ts';
import { parseBody } from './validate-request.ts';

/*
 * The admin API. The bearer-token check runs before routing (app.ts), so every path under /admin/
 * answers 401 alike to a caller without a token. `:ref` is a license id or a license key.
 */

// Offline codes are ~80–200 characters; the limit leaves room for spaces and line breaks in a paste.
const RequestCodeBody = z.strictObject({ request_code: z.string().max(1000) });
const DeactivationCodeBody = z.strictObject({ deactivation_code: z.string().max(1000) });
// Either a request code or the activate body; which one is decided by the field sent, so the
// error names the fields of the form the caller meant.
const OfflineActivationBody = z.looseObject({});

const RefParams = z.object({ ref: z.string() });
const OrderParams = z.object({ id: z.string().regex(/^\d{1,15}$/, 'the order number is a number').transform(Number) });
const PlanParams = z.object({ id: z.string().regex(/^\d{1,4}$/, 'the plan id is a number up to 4095').transform(Number) });
const ActivationParams = z.object({ ref: z.string(), activation: z.string() });

const activationId = (value: string) => {
  if (!/^\d{1,15}$/.test(value)) throw new KeyholeError('REQUEST_INVALID', 'the activation id is a number');
  return Number(value);
};

export function adminRoutes(ctx: LicensingContext, testClock: OffsetClock | null): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    const seal = guardMethods(app);
    const byRef = { schema: { params: RefParams } };
    const action = { schema: { params: RefParams, body: EmptyBody } };

    // Every change acts as the request's caller, so the audit log says who made it.
    const as = (request: FastifyRequest) => callerContext(ctx, request);

    app.post('/admin/plans', { schema: { body: PlanBody } }, async (request, reply) => {
      reply.code(201);
      return { plan: await admin.createPlan(as(request), planTerms(request.body)) };
    });
    app.get('/admin/plans', async () => ({ plans: await admin.listPlans(ctx) }));
    // What a plan's plugins are chosen from: the product config's catalog.
    app.get('/admin/plugins', async () => ({ plugins: admin.listPlugins(ctx) }));
    // The plan's settings for future orders; licenses already sold keep theirs.
    app.put('/admin/plans/:id', { schema: { params: PlanParams, body: PlanBody } }, async (request) => ({
      plan: await admin.editPlan(as(request), request.params.id, planTerms(request.body)),
    }));
    // Idempotent: a retry with the same Idempotency-Key (or customer reference) answers 200 with the
    // order and key of the first call, so a webhook delivered twice never sells two licenses.
    app.post('/admin/orders', { schema: { body: OrderBody, headers: IdempotencyHeaders } }, async (request, reply) => {
      const { body, headers } = request;
      const placed = await placeOrder(as(request), { planId: body.plan_id, customer: body.customer, idempotencyKey: headers['idempotency-key'] ?? null });
      reply.code(placed.created ? 201 : 200);
      return { order: placed.order, license: placed.license };
    });
    app.get('/admin/orders', { schema: { querystring: OrderQuery } }, async ({ query }) => searchOrders(ctx, orderSearch(query)));
    app.get('/admin/orders/:id', { schema: { params: OrderParams } }, async ({ params }) => ({ order: await showOrder(ctx, params.id) }));
    app.get('/admin/licenses/:ref', byRef, async ({ params }) => ({ license: await admin.showLicense(ctx, params.ref) }));
    app.post('/admin/licenses/:ref/regenerate', action, async (request) => ({ license: await admin.regenerateKey(as(request), request.params.ref) }));
    app.post('/admin/licenses/:ref/limit', { schema: { params: RefParams, body: LimitBody } }, async (request) => ({
      license: await admin.setActivationLimit(as(request), request.params.ref, request.body.activation_limit),
    }));
    app.post('/admin/licenses/:ref/expiry', { schema: { params: RefParams, body: ExpiryBody } }, async (request) => {
      const expiresAt = request.body.expires_at === null ? null : Date.parse(request.body.expires_at);
      return { license: await admin.setExpiry(as(request), request.params.ref, expiresAt) };
    });
    app.post('/admin/licenses/:ref/deactivate', action, async (request) => ({ license: await admin.deactivateLicense(as(request), request.params.ref) }));
    app.get('/admin/licenses/:ref/activations', { schema: { params: RefParams, querystring: PageQuery } }, async ({ params, query }) =>
      admin.pageActivations(ctx, params.ref, { limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) }),
    );
    app.post('/admin/licenses/:ref/activations/:activation/revoke', { schema: { params: ActivationParams, body: EmptyBody } }, async (request) =>
      admin.revokeActivation(as(request), request.params.ref, activationId(request.params.activation)),
    );
    // Offline activation: the vendor turns what the customer sent (a request code, or key +
    // Instance ID + fingerprint) into an activation code; offline-only plans are allowed here.
    // Both offline routes are the vendor's changes, so they land in the audit log (audit-activations.ts).
    app.post('/admin/offline-activations', { schema: { body: OfflineActivationBody } }, async (request, reply) => {
      const { body } = request;
      const wanted = 'request_code' in body
        ? await requestFromCode(parseBody(RequestCodeBody, body).request_code, 'admin_api')
        : activationRequest(parseBody(ActivateBody, body));
      const result = await activateOffline(auditingActivations(as(request)), wanted);
      reply.code(201);
      return result;
    });
    // Offline deactivation: frees the slot a deactivation code proves was given up.
    app.post('/admin/offline-deactivations', { schema: { body: DeactivationCodeBody } }, async (request) =>
      deactivateWithCode(auditingActivations(as(request)), request.body.deactivation_code),
    );

    if (testClock) {
      // Only exists when the authority was started with --test-clock: E2E tests move its time.
      app.post('/admin/test-clock', { schema: { body: TestClockBody } }, async ({ body }) => {
        testClock.setOffset(body.offset_ms);
        return { offset_ms: testClock.offsetMs, now: new Date(testClock.now()).toISOString() };
      });
    }
    seal();
  };
}
