import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { csrfMatches, findSession, setPasswordWithLink, signIn, signOut, type NewSession } from '../licensing/console-users.ts';
import { clientKey } from './client-address.ts';
import { sessionCookie, setSessionCookie } from './console-auth.ts';
import { ASSETS_PREFIX, consoleAsset, consolePage } from './console-page.ts';
import { guardMethods } from './method-guard.ts';
import { takeOrRefuse } from './public-routes.ts';
import { createRateLimiter, type RateLimitConfig } from './rate-limit.ts';

/*
 * The console's own routes: signing in and out, and the pages. Everything the console shows or
 * changes goes through the admin API (/admin/…) with the session cookie; see console-auth.ts.
 * Sign-in is limited per address and per email, tighter than the public budget: a password guess
 * costs an attacker a minute, a person who mistyped hardly notices.
 */

const SignInBody = z.strictObject({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) });
const SetPasswordBody = z.strictObject({ token: z.string().min(20).max(200), password: z.string().max(2048) });
const SIGN_IN_RULE = { burst: 5, perSecond: 1 / 60 };

// The home page needs no `next`; any other page is remembered as its path (the page checks it again).
const signInFor = (url: string) => (url === '/console' || url === '/console/' ? '/console/sign-in' : `/console/sign-in?next=${encodeURIComponent(url)}`);

export interface ConsoleRoutesOptions {
  readonly context: LicensingContext;
  /** false (benchmarks, tests) turns the sign-in limits off with the others. */
  readonly rateLimits: RateLimitConfig | false;
}

export function consoleRoutes({ context: ctx, rateLimits }: ConsoleRoutesOptions): FastifyPluginAsync {
  const perAddress = rateLimits ? createRateLimiter(SIGN_IN_RULE) : null;
  const perEmail = rateLimits ? createRateLimiter(SIGN_IN_RULE) : null;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    const seal = guardMethods(app);
    const answer = (request: FastifyRequest, reply: Parameters<typeof setSessionCookie>[1], session: NewSession) => {
      setSessionCookie(request, reply, session.sessionToken, Math.floor((session.expiresAt - ctx.clock.now()) / 1000));
      return { user: { email: session.user.email, role: session.user.role }, csrf_token: session.csrfToken };
    };

    app.post('/console/api/sign-in', { schema: { body: SignInBody } }, async (request, reply) => {
      await takeOrRefuse(perAddress, clientKey(request.ip));
      await takeOrRefuse(perEmail, request.body.email.toLowerCase());
      return answer(request, reply, await signIn(ctx, request.body.email, request.body.password));
    });
    app.post('/console/api/set-password', { schema: { body: SetPasswordBody } }, async (request, reply) => {
      await takeOrRefuse(perAddress, clientKey(request.ip));
      return answer(request, reply, await setPasswordWithLink(ctx, request.body.token, request.body.password));
    });
    app.get('/console/api/session', async (request) => {
      const session = await findSession(ctx, sessionCookie(request));
      if (!session) throw new KeyholeError('UNAUTHORIZED');
      return { user: { email: session.user.email, role: session.user.role }, csrf_token: session.csrfToken };
    });
    app.post('/console/api/sign-out', async (request, reply) => {
      const token = sessionCookie(request);
      const session = await findSession(ctx, token);
      const sent = request.headers['x-csrf-token'];
      if (session && token !== undefined && csrfMatches(session, typeof sent === 'string' ? sent : undefined)) await signOut(ctx, token);
      else if (session) throw new KeyholeError('UNAUTHORIZED', 'the sign-out did not carry this session\'s CSRF token');
      setSessionCookie(request, reply, '', 0);
      return { signed_out: true };
    });

    // Pages: signed out, every page but sign-in and set-password sends the browser to sign-in,
    // which brings it back (`next`) afterwards. The scripts and styles are public: sign-in needs them.
    const page = async (request: FastifyRequest, reply: Parameters<typeof setSessionCookie>[1]) => {
      const path = request.url.split('?', 1)[0] as string;
      if (path.startsWith(ASSETS_PREFIX)) {
        const asset = consoleAsset(path, reply);
        if (asset) return asset;
        throw new KeyholeError('NOT_FOUND', `the console has no file ${path}`);
      }
      const open = path === '/console/sign-in' || path === '/console/set-password';
      if (!open && !(await findSession(ctx, sessionCookie(request)))) return reply.redirect(signInFor(request.url), 303);
      return consolePage(reply);
    };
    app.get('/console', page);
    app.get('/console/*', page);
    seal();
  };
}
