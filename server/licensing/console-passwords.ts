import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/*
 * Console passwords, hashed with scrypt (memory-hard, built into Node): N = 2^15, r = 8, p = 1
 * (32 MiB per hash), a 16-byte salt per user, compared in constant time. The parameters are
 * stored with each hash, so raising them later still verifies the hashes made before.
 */

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

const derive = (password: string, salt: Buffer, params: { N: number; r: number; p: number }) =>
  new Promise<Buffer>((resolve, reject) => {
    const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

// Verifying against this when there is no user (or no password yet) costs the same as a real
// check, so the answer time does not tell which emails have accounts.
const NOBODY = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_BYTES).toString('base64url')}`;

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? NOBODY).split('$');
  const [kind, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || kind !== 'scrypt') return false;
  const expected = Buffer.from(hash as string, 'base64url');
  const key = await derive(password, Buffer.from(salt as string, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return stored !== null && key.length === expected.length && timingSafeEqual(key, expected);
}

/** What a new password must be: long enough to resist guessing, short enough to hash quickly. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < 12) return 'the password needs at least 12 characters';
  if (password.length > 1024) return 'the password is longer than 1024 characters';
  return null;
}
