import { randomBytes, timingSafeEqual } from 'node:crypto';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import type { ConsoleRole, ConsoleSessionRecord, ConsoleUserRecord } from '../storage/storage.ts';
import { hashPassword, passwordProblem, verifyPassword } from './console-passwords.ts';
import { consoleActor, recordAudit } from './audit.ts';
import { actingAs, type LicensingContext } from './context.ts';

/*
 * Console users and their sessions. A user is added by an admin (`keyhole user add`), who gets a
 * one-time sign-in link (random, single use, 24 hours) for the user to set a password. Signing in
 * makes a session: a random token the browser keeps in an HttpOnly cookie, and a CSRF token the
 * page sends with every change. Only SHA-256 of links and session tokens is stored.
 */

const LINK_MS = 24 * 3_600_000;
const SESSION_MS = 12 * 3_600_000;

const token = () => randomBytes(32).toString('base64url');
const normalEmail = (email: string) => email.trim().toLowerCase();

export interface NewUser {
  readonly user: ConsoleUserRecord;
  /** Goes after `#token=` in the sign-in link; shown once. */
  readonly linkToken: string;
  readonly linkExpiresAt: number;
}

/** The user and their first sign-in link, recorded in the audit log with the link in one step. */
export async function addConsoleUser(ctx: LicensingContext, email: string, role: ConsoleRole): Promise<NewUser> {
  const now = ctx.clock.now();
  const link = signInLink(now);
  const user = await ctx.storage.transaction(async (tx) => {
    const added = await tx.addConsoleUser({ email: normalEmail(email), role, createdAt: now });
    if (added === 'email-taken') throw new KeyholeError('REQUEST_INVALID', `a console user with the email ${normalEmail(email)} exists already`);
    await tx.addSignInLink({ tokenHash: hashSecret(link.linkToken), userId: added.id, expiresAt: link.linkExpiresAt });
    await recordAudit(tx, ctx, { action: 'user.add', after: { email: added.email, role: added.role } });
    return added;
  });
  return { user, ...link };
}

/** A fresh link for a user who lost theirs or forgot the password; older links stay single-use. */
export async function newSignInLink(ctx: LicensingContext, user: ConsoleUserRecord) {
  const link = signInLink(ctx.clock.now());
  await ctx.storage.transaction(async (tx) => {
    await tx.addSignInLink({ tokenHash: hashSecret(link.linkToken), userId: user.id, expiresAt: link.linkExpiresAt });
    await recordAudit(tx, ctx, { action: 'user.sign_in_link', after: { email: user.email, link_expires_at: new Date(link.linkExpiresAt).toISOString() } });
  });
  return link;
}

const signInLink = (now: number) => ({ linkToken: token(), linkExpiresAt: now + LINK_MS });

export interface NewSession {
  readonly user: ConsoleUserRecord;
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

/**
 * Follows a sign-in link: sets the password and signs the user in. Spending the link, setting the
 * password and its audit event are one step (the hash is made first: no slow work inside it).
 */
export async function setPasswordWithLink(ctx: LicensingContext, linkToken: string, password: string): Promise<NewSession> {
  const problem = passwordProblem(password);
  if (problem) throw new KeyholeError('REQUEST_INVALID', problem);
  const passwordHash = await hashPassword(password);
  const user = await ctx.storage.transaction(async (tx) => {
    const linked = await tx.useSignInLink(hashSecret(linkToken), ctx.clock.now());
    if (!linked) throw new KeyholeError('UNAUTHORIZED', 'this sign-in link was used already or has expired; ask an admin for a new one');
    await tx.setConsolePassword(linked.id, passwordHash);
    const self = actingAs(ctx, { actor: consoleActor(linked.email), requestId: ctx.source?.requestId ?? null });
    await recordAudit(tx, self, { action: 'user.password', after: { email: linked.email, password_set: true } });
    return linked;
  });
  return startSession(ctx, user);
}

export async function signIn(ctx: LicensingContext, email: string, password: string): Promise<NewSession> {
  const user = await ctx.storage.findConsoleUserByEmail(normalEmail(email));
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !ok) throw new KeyholeError('UNAUTHORIZED', 'the email or the password is wrong');
  return startSession(ctx, user);
}

async function startSession(ctx: LicensingContext, user: ConsoleUserRecord): Promise<NewSession> {
  const sessionToken = token();
  const csrfToken = token();
  const now = ctx.clock.now();
  const expiresAt = now + SESSION_MS;
  await ctx.storage.transaction(async (tx) => {
    // Sessions that ran out are deleted as new ones start: the table holds live sessions only,
    // without a timer of its own, and a leaked hash of an old session opens nothing and says nothing.
    await tx.deleteExpiredConsoleSessions(now);
    await tx.addConsoleSession({ tokenHash: hashSecret(sessionToken), userId: user.id, csrfToken, createdAt: now, expiresAt });
  });
  return { user, sessionToken, csrfToken, expiresAt };
}

export async function findSession(ctx: LicensingContext, sessionToken: string | undefined): Promise<ConsoleSessionRecord | undefined> {
  if (sessionToken === undefined || sessionToken === '') return undefined;
  return ctx.storage.findConsoleSession(hashSecret(sessionToken), ctx.clock.now());
}

export const signOut = (ctx: LicensingContext, sessionToken: string) => ctx.storage.deleteConsoleSession(hashSecret(sessionToken));

/** The CSRF token sent with a change equals the session's (constant time). */
export function csrfMatches(session: ConsoleSessionRecord, presented: string | undefined): boolean {
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(presented ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
