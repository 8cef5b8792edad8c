/*
 * Not a bench of its own (run.ts skips it): the floor of one validate, measured in-process in the
 * same run — parse the body, sign one certificate-sized message with Ed25519, the three indexed
 * reads (license by key hash, live activation, its row) on the bench's own database file.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashSecret } from '../../server/storage/key-crypto.ts';

const ROUNDS = 3000;

const perCall = (work: (i: number) => void): number => {
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) work(i);
  return ((performance.now() - started) * 1000) / ROUNDS;
};

export function measureFloor(dataDir: string, bodies: readonly string[]) {
  const { privateKey } = generateKeyPairSync('ed25519');
  const message = new Uint8Array(64).fill(7);
  const db = new Database(join(dataDir, 'keyhole.db'), { readonly: true });
  try {
    const byKey = db.prepare('SELECT * FROM licenses WHERE key_hash = ?');
    const live = db.prepare('SELECT * FROM activations WHERE license_id = ? AND instance_id = ? AND ended_at IS NULL');
    const byId = db.prepare('SELECT * FROM activations WHERE id = ?');
    const parsed = bodies.map((body) => JSON.parse(body) as { license_key: string; instance_id: string });
    const hashes = parsed.map((body) => hashSecret(body.license_key));
    const parseUs = perCall((i) => JSON.parse(bodies[i % bodies.length] as string));
    const signUs = perCall((i) => sign(null, message.fill(i & 255, 0, 1), privateKey));
    const readsUs = perCall((i) => {
      const n = i % parsed.length;
      const license = byKey.get(hashes[n]) as { id: number };
      const activation = live.get(license.id, parsed[n]?.instance_id) as { id: number };
      byId.get(activation.id);
    });
    return { parseUs, signUs, readsUs };
  } finally {
    db.close();
  }
}
