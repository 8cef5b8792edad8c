import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '../licensing/audit-log.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { overview } from '../licensing/overview.ts';
import { lookUpBundle } from '../support/lookup.ts';
import { AuditQuery, auditSearch, LicenseAuditQuery, SupportLookupBody } from './admin-console-schemas.ts';
import { guardMethods } from './method-guard.ts';

/*
 * What the console reads beyond plans, orders and licenses: the audit log (global and per license),
 * the overview, and the support lookup of a customer's bundle. All behind the admin auth step
 * (app.ts); the support lookup changes nothing, so a support user may call it (console-auth.ts).
 */

const RefParams = z.object({ ref: z.string() });
const BUNDLE_LIMIT_BYTES = 1024 * 1024;

export function adminAuditRoutes(ctx: LicensingContext): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    const seal = guardMethods(app);
    app.get('/admin/audit', { schema: { querystring: AuditQuery } }, async ({ query }) => listAudit(ctx, auditSearch(query)));
    app.get('/admin/licenses/:ref/audit', { schema: { params: RefParams, querystring: LicenseAuditQuery } }, async ({ params, query }) =>
      listAudit(ctx, { ...auditSearch(query), license: params.ref }),
    );
    app.get('/admin/overview', async () => overview(ctx));
    // A bundle carries the customer's recent events: more than the 16 KB other bodies are held to.
    app.post('/admin/support/lookup', { bodyLimit: BUNDLE_LIMIT_BYTES, schema: { body: SupportLookupBody } }, async ({ body }) => lookUpBundle(ctx, body));
    seal();
  };
}
