import type { FastifyReply, FastifyRequest } from 'fastify';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { isValidAdminToken } from '../licensing/admin-tokens.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { csrfMatches, findSession } from '../licensing/console-users.ts';
import type { ConsoleRole } from '../storage/storage.ts';

/*
 * Who may call the admin API: a script with a bearer token (an admin), or a console user with a
 * session cookie. One set of routes; this step runs before any of them. For a session, every call
 * that is not a GET must carry the session's CSRF token in x-csrf-token: a cross-site page can make
 * the browser send the cookie (SameSite=Strict already stops most browsers) but cannot read the
 * token, so a forged form or fetch is refused. Roles are enforced here, on the server, for every
 * route: support reads; only admin changes.
 */

export const SESSION_COOKIE = 'keyhole_session';
const READS = new Set(['GET', 'HEAD']);

export interface Caller {
  readonly role: ConsoleRole;
  readonly email: string | null;
}

export async function authorizeAdminCall(ctx: LicensingContext, request: FastifyRequest): Promise<Caller> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer !== undefined) {
    if (await isValidAdminToken(ctx.storage, bearer, ctx.clock.now())) return { role: 'admin', email: null };
    throw new KeyholeError('UNAUTHORIZED');
  }
  const session = await findSession(ctx, sessionCookie(request));
  if (!session) throw new KeyholeError('UNAUTHORIZED');
  if (!READS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (!csrfMatches(session, typeof sent === 'string' ? sent : undefined)) {
      throw new KeyholeError('UNAUTHORIZED', 'the change did not carry this session\'s CSRF token; reload the console and try again');
    }
    if (session.user.role !== 'admin') throw new KeyholeError('UNAUTHORIZED', 'a support user can look things up but not change them; ask an admin');
  }
  return { role: session.user.role, email: session.user.email };
}

export function sessionCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/** HttpOnly (page scripts never see it), SameSite=Strict, Secure whenever the console is reached over https. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header('set-cookie', `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`);
}
