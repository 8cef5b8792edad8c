import type { FastifyReply, FastifyRequest } from 'fastify';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { findLiveAdminToken } from '../licensing/admin-tokens.ts';
import { consoleActor, type AuditSource } from '../licensing/audit.ts';
import { actingAs, type LicensingContext } from '../licensing/context.ts';
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
/** Calls that are POSTs for their body's sake but change nothing: a support user may make them. */
export const READ_ONLY_POSTS: ReadonlySet<string> = new Set(['/admin/support/lookup']);

export interface Caller {
  readonly role: ConsoleRole;
  readonly email: string | null;
  /** The bearer token's id; null for a console session. */
  readonly tokenId: number | null;
  /** How the audit log names the caller: `token:<label>` or `console:<email>`. */
  readonly actor: string;
}

// Set by the one auth step, read by the routes: the caller of each admin request.
const callers = new WeakMap<FastifyRequest, Caller>();

/** The caller the auth step let in; only for a request under /admin/ (the step runs before every one). */
export function callerOf(request: FastifyRequest): Caller {
  const caller = callers.get(request);
  if (!caller) throw new Error(`no authorized caller for ${request.method} ${request.url}: the admin auth step did not run`);
  return caller;
}

/** The licensing context acting for this request's caller: what the admin routes hand the operations. */
export function callerContext(ctx: LicensingContext, request: FastifyRequest): LicensingContext {
  const source: AuditSource = { actor: callerOf(request).actor, requestId: request.id };
  return actingAs(ctx, source);
}

export async function authorizeAdminCall(ctx: LicensingContext, request: FastifyRequest): Promise<Caller> {
  const caller = await findCaller(ctx, request);
  callers.set(request, caller);
  return caller;
}

async function findCaller(ctx: LicensingContext, request: FastifyRequest): Promise<Caller> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer !== undefined) {
    const token = await findLiveAdminToken(ctx.storage, bearer, ctx.clock.now());
    if (token) return { role: 'admin', email: null, tokenId: token.id, actor: `token:${token.label}` };
    throw new KeyholeError('UNAUTHORIZED');
  }
  const session = await findSession(ctx, sessionCookie(request));
  if (!session) throw new KeyholeError('UNAUTHORIZED');
  if (!READS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (!csrfMatches(session, typeof sent === 'string' ? sent : undefined)) {
      throw new KeyholeError('UNAUTHORIZED', 'the change did not carry this session\'s CSRF token; reload the console and try again');
    }
    const path = request.url.split('?', 1)[0] as string;
    if (session.user.role !== 'admin' && !READ_ONLY_POSTS.has(path)) {
      throw new KeyholeError('ROLE_READ_ONLY', 'a support user can look things up but not change them; ask an admin');
    }
  }
  return { role: session.user.role, email: session.user.email, tokenId: null, actor: consoleActor(session.user.email) };
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
