import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { generateLicenseKey } from '../../../shared/format/license-key.ts';
import { hashSecret } from '../../../server/storage/key-crypto.ts';
import { newInstanceId } from '../../harness/authority/test-authority.ts';

/*
 * Licenses by the hundred thousand for the bench's license-count figures: written straight into the
 * SQLite file with multi-row inserts in one transaction (through the storage, a million orders take
 * most of an hour here). Each copies the plan snapshot, fingerprint and metadata of the data dir's
 * first license and activation, so the server reads them exactly as its own; keys and Instance IDs
 * are real (validate parses them). The stored key ciphertext is a placeholder: nothing in a validate
 * decrypts it, and the start-up secret check reads the first license, which is a real one.
 */

const ROWS_PER_INSERT = 400;

export interface BulkSeeded {
  /** Validate bodies of `sample` of the new activations, spread over all the new licenses. */
  readonly bodies: readonly string[];
}

export function bulkSeedStaleLicenses(path: string, options: { licenses: number; perLicense: number; lastSeenAt: number; sample: number }): BulkSeeded {
  const db = new Database(path);
  try {
    const template = db.prepare('SELECT l.plan, l.activation_limit, o.plan_id FROM licenses l JOIN orders o ON o.id = l.order_id ORDER BY l.id LIMIT 1').get() as { plan: string; activation_limit: number | null; plan_id: number };
    const device = db.prepare('SELECT metadata, fingerprint FROM activations ORDER BY id LIMIT 1').get() as { metadata: string; fingerprint: string };
    const next = (table: string) => ((db.prepare(`SELECT COALESCE(MAX(id), 0) AS n FROM ${table}`).get() as { n: number }).n) + 1;
    const firstOrder = next('orders');
    const firstLicense = next('licenses');
    const insert = (table: string, columns: readonly string[], rows: readonly unknown[][]) => {
      if (rows.length === 0) return;
      const values = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
      db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`).run(...rows.flat());
    };
    const placeholder = Buffer.alloc(48, 1);
    const every = Math.max(1, Math.floor((options.licenses * options.perLicense) / options.sample));
    const bodies: string[] = [];
    let n = 0;
    db.transaction(() => {
      for (let start = 0; start < options.licenses; start += ROWS_PER_INSERT) {
        const batch = Array.from({ length: Math.min(ROWS_PER_INSERT, options.licenses - start) }, (_, k) => start + k);
        const keys = batch.map(() => generateLicenseKey((size) => new Uint8Array(randomBytes(size))));
        insert('orders', ['id', 'plan_id', 'created_at'], batch.map((i) => [firstOrder + i, template.plan_id, options.lastSeenAt]));
        insert(
          'licenses',
          ['id', 'order_id', 'key_hash', 'key_ciphertext', 'status', 'expires_at', 'activation_limit', 'plan', 'created_at', 'key_head', 'key_tail'],
          batch.map((i, k) => [firstLicense + i, firstOrder + i, hashSecret(keys[k] as string), placeholder, 'active', null, template.activation_limit, template.plan, options.lastSeenAt, (keys[k] as string).slice(3, 8), (keys[k] as string).slice(-5)]),
        );
        const activations: unknown[][] = [];
        batch.forEach((i, k) => {
          for (let a = 0; a < options.perLicense; a++) {
            const instanceId = newInstanceId();
            activations.push([firstLicense + i, instanceId, device.metadata, device.fingerprint, options.lastSeenAt, options.lastSeenAt]);
            if (n++ % every === 0 && bodies.length < options.sample) bodies.push(JSON.stringify({ license_key: keys[k], instance_id: instanceId }));
          }
        });
        for (let at = 0; at < activations.length; at += ROWS_PER_INSERT) {
          insert('activations', ['license_id', 'instance_id', 'metadata', 'fingerprint', 'created_at', 'last_seen_at'], activations.slice(at, at + ROWS_PER_INSERT));
        }
      }
    }).immediate();
    db.pragma('wal_checkpoint(TRUNCATE)');
    // Spread over the file, not in insertion order: each request lands somewhere else.
    for (let i = bodies.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [bodies[i], bodies[j]] = [bodies[j] as string, bodies[i] as string];
    }
    return { bodies };
  } finally {
    db.close();
  }
}
