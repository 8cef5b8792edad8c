import { randomBytes, timingSafeEqual } from 'node:crypto';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { toBase64Url } from '../../shared/license/signing.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import type { AdminTokenRecord, Storage } from '../storage/storage.ts';
import { recordAudit, type AuditActor } from './audit.ts';

/*
 * Admin bearer tokens: 256 random bits, shown once by `keyhole token create`, stored as SHA-256.
 * Checking compares the presented hash with every stored hash in constant time and without an
 * early exit, so neither a near miss nor the number of tokens shows in the timing. A revoked or
 * expired token is refused like an unknown one. Last use is written at most once a minute, so a
 * busy admin client does not turn every read into a write.
 */

const PREFIX = 'kha_';
const LAST_USED_RESOLUTION_MS = 60_000;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface NewAdminToken {
  readonly label: string;
  readonly expiresAt: number | null;
}

/** A new token (answered once, never stored) and how it is listed from now on; recorded in the audit log. */
export async function issueAdminToken(storage: Storage, by: AuditActor, request: NewAdminToken): Promise<{ token: string; view: AdminTokenView }> {
  const token = PREFIX + toBase64Url(new Uint8Array(randomBytes(32)));
  const now = by.clock.now();
  const record = await storage.transaction(async (tx) => {
    const added = await tx.addAdminToken({ tokenHash: hashSecret(token), label: request.label, createdAt: now, expiresAt: request.expiresAt });
    await recordAudit(tx, by, { action: 'token.create', after: { token_id: added.id, label: added.label, expires_at: iso(added.expiresAt) } });
    return added;
  });
  return { token, view: tokenView(record, now) };
}

export async function createAdminToken(storage: Storage, label: string, at: number, expiresAt: number | null = null): Promise<string> {
  return (await issueAdminToken(storage, { clock: { now: () => at } }, { label, expiresAt })).token;
}

/** The live token presented (its record), or undefined when it is unknown, revoked or expired. */
export async function findLiveAdminToken(storage: Storage, presented: string | undefined, now: number): Promise<AdminTokenRecord | undefined> {
  const candidate = Buffer.from(hashSecret(presented ?? ''), 'hex');
  let found: AdminTokenRecord | undefined;
  for (const stored of await storage.listAdminTokens()) {
    const bytes = Buffer.from(stored.tokenHash, 'hex');
    if (bytes.length === candidate.length && timingSafeEqual(bytes, candidate)) found = stored;
  }
  if (!found || presented === undefined || presented.length <= PREFIX.length) return undefined;
  if (tokenStatus(found, now) !== 'active') return undefined;
  if (found.lastUsedAt === null || now - found.lastUsedAt >= LAST_USED_RESOLUTION_MS) await storage.recordAdminTokenUse(found.id, now);
  return found;
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

export function tokenStatus(token: AdminTokenRecord, now: number): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  return 'active';
}

/** What `token list` shows: never the token or its hash. */
function tokenView(token: AdminTokenRecord, now: number) {
  return {
    id: token.id,
    label: token.label,
    status: tokenStatus(token, now),
    created_at: iso(token.createdAt),
    last_used_at: iso(token.lastUsedAt),
    expires_at: iso(token.expiresAt),
    revoked_at: iso(token.revokedAt),
  };
}

export type AdminTokenView = ReturnType<typeof tokenView>;

export async function listAdminTokens(storage: Storage, now: number): Promise<AdminTokenView[]> {
  return (await storage.listAdminTokens()).map((token) => tokenView(token, now));
}

/** The token stops working at once, also for a server that is running; recorded in the audit log. */
export async function revokeAdminToken(storage: Storage, by: AuditActor, id: number): Promise<AdminTokenView> {
  const now = by.clock.now();
  const revoked = await storage.transaction(async (tx) => {
    const done = await tx.revokeAdminToken(id, now);
    if (done) await recordAudit(tx, by, { action: 'token.revoke', before: { token_id: id, status: 'active' }, after: { token_id: id, status: 'revoked' } });
    return done;
  });
  const view = (await listAdminTokens(storage, now)).find((token) => token.id === id);
  if (!view) throw new KeyholeError('NOT_FOUND', `no admin token with id ${id} (see keyhole token list)`);
  if (!revoked) throw new KeyholeError('NOT_FOUND', `admin token ${id} was already revoked`);
  return view;
}
