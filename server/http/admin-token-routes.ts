import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { issueAdminToken, listAdminTokens, revokeAdminToken } from '../licensing/admin-tokens.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { EmptyBody } from './admin-schemas.ts';
import { TokenBody, TokenParams } from './admin-console-schemas.ts';
import { callerContext, callerOf } from './console-auth.ts';
import { guardMethods } from './method-guard.ts';

/*
 * API tokens from the console: list, create (the token is in this one answer and never again) and
 * revoke. Creating and revoking are changes, so only an admin may (console-auth.ts). A token may not
 * revoke itself: a script that did would lock itself out halfway through its run; revoke it from
 * the console or with `keyhole token revoke`.
 */

export function adminTokenRoutes(ctx: LicensingContext): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    const seal = guardMethods(app);
    app.get('/admin/tokens', async () => ({ tokens: await listAdminTokens(ctx.storage, ctx.clock.now()) }));
    app.post('/admin/tokens', { schema: { body: TokenBody } }, async (request, reply) => {
      const expiresAt = request.body.expires_at === null ? null : Date.parse(request.body.expires_at);
      if (expiresAt !== null && expiresAt <= ctx.clock.now()) throw new KeyholeError('REQUEST_INVALID', 'expires_at: must be in the future');
      const issued = await issueAdminToken(ctx.storage, callerContext(ctx, request), { label: request.body.label, expiresAt });
      reply.code(201);
      return { token: issued.token, admin_token: issued.view };
    });
    app.post('/admin/tokens/:id/revoke', { schema: { params: TokenParams, body: EmptyBody } }, async (request) => {
      if (callerOf(request).tokenId === request.params.id) {
        throw new KeyholeError('REQUEST_INVALID', 'a token cannot revoke itself; revoke it from the console or with keyhole token revoke');
      }
      return { admin_token: await revokeAdminToken(ctx.storage, callerContext(ctx, request), request.params.id) };
    });
    seal();
  };
}
