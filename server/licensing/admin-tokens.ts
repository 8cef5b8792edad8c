import { randomBytes, timingSafeEqual } from 'node:crypto';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { toBase64Url } from '../../shared/license/signing.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import type { AdminTokenRecord, Storage } from '../storage/storage.ts';

/*
 * Admin bearer tokens: 256 random bits, shown once by `keyhole token create`, stored as SHA-256.
 * Checking compares the presented hash with every stored hash in constant time and without an
 * early exit, so neither a near miss nor the number of tokens shows in the timing. A revoked or
 * expired token is refused like an unknown one. Last use is written at most once a minute, so a
 * busy admin client does not turn every read into a write.
 */

const PREFIX = 'kha_';
const LAST_USED_RESOLUTION_MS = 60_000;

export async function createAdminToken(storage: Storage, label: string, at: number, expiresAt: number | null = null): Promise<string> {
  const token = PREFIX + toBase64Url(new Uint8Array(randomBytes(32)));
  await storage.addAdminToken({ tokenHash: hashSecret(token), label, createdAt: at, expiresAt });
  return token;
}

export async function isValidAdminToken(storage: Storage, presented: string | undefined, now: number): Promise<boolean> {
  const candidate = Buffer.from(hashSecret(presented ?? ''), 'hex');
  let found: AdminTokenRecord | undefined;
  for (const stored of await storage.listAdminTokens()) {
    const bytes = Buffer.from(stored.tokenHash, 'hex');
    if (bytes.length === candidate.length && timingSafeEqual(bytes, candidate)) found = stored;
  }
  if (!found || presented === undefined || presented.length <= PREFIX.length) return false;
  if (tokenStatus(found, now) !== 'active') return false;
  if (found.lastUsedAt === null || now - found.lastUsedAt >= LAST_USED_RESOLUTION_MS) await storage.recordAdminTokenUse(found.id, now);
  return true;
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

export function tokenStatus(token: AdminTokenRecord, now: number): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  return 'active';
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What `token list` shows: never the token or its hash. */
export async function listAdminTokens(storage: Storage, now: number) {
  return (await storage.listAdminTokens()).map((token) => ({
    id: token.id,
    label: token.label,
    status: tokenStatus(token, now),
    created_at: iso(token.createdAt),
    last_used_at: iso(token.lastUsedAt),
    expires_at: iso(token.expiresAt),
    revoked_at: iso(token.revokedAt),
  }));
}

export type AdminTokenView = Awaited<ReturnType<typeof listAdminTokens>>[number];

/** The token stops working at once, also for a server that is running. */
export async function revokeAdminToken(storage: Storage, id: number, now: number): Promise<AdminTokenView> {
  const revoked = await storage.revokeAdminToken(id, now);
  const view = (await listAdminTokens(storage, now)).find((token) => token.id === id);
  if (!view) throw new KeyholeError('NOT_FOUND', `no admin token with id ${id} (see keyhole token list)`);
  if (!revoked) throw new KeyholeError('NOT_FOUND', `admin token ${id} was already revoked`);
  return view;
}
