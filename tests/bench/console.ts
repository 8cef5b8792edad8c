/*
 * Benchmark (not a test): the console's orders list and search, and the overview's counts, at
 * scale on SQLite. Seeds KEYHOLE_BENCH_LICENSES orders with their licenses (default 1,000,000; one
 * activation per ten licenses, one order in ten a trial, a third of the licenses never expiring)
 * straight into the file in one transaction of multi-row inserts — not through the API, which
 * would take hours — then runs each query of `GET /admin/orders` and each count of
 * `GET /admin/overview` through the real storage (the same SQL), repeated, and prints min and
 * median. Target: under 50 ms each.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { hashSecret } from '../../server/storage/key-crypto.ts';
import { openSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { OrderQuery } from '../../server/storage/storage.ts';
import { makeTempDir } from '../harness/authority/test-authority.ts';

const COUNT = Number(process.env['KEYHOLE_BENCH_LICENSES'] ?? 1_000_000);
const REPEAT = 21;
const ROWS_PER_INSERT = 500;
const TARGET_MS = 50;

const dir = makeTempDir('keyhole-bench-console-');
const path = join(dir, 'keyhole.db');
openSqliteStorage(path).close().then(run).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

const group = (n: number) => n.toString(36).toUpperCase().padStart(5, '0').slice(-5);
const keyOf = (i: number) => `KH-${group(i)}-AAAAA-BBBBB-CCCCC-${group(i * 7 + 3)}`;
const instanceOf = (i: number) => `I-${String(i).padStart(9, '0')}`;

function seed(db: Database.Database): void {
  const plan = JSON.stringify({ id: 1, name: 'Pro', mode: 'online', plugins: [], versions: { min: 0, max: null }, releaseLimit: null });
  db.prepare(`INSERT INTO plans (name, activation_limit, mode, plugins, versions_min, created_at) VALUES ('Pro', 5, 'online', '[]', 0, 0)`).run();
  const insert = (table: string, columns: string, width: number, rows: unknown[][]) => {
    const values = rows.map(() => `(${Array(width).fill('?').join(', ')})`).join(', ');
    db.prepare(`INSERT INTO ${table} (${columns}) VALUES ${values}`).run(...rows.flat());
  };
  const blob = Buffer.alloc(48, 1);
  db.transaction(() => {
    for (let start = 1; start <= COUNT; start += ROWS_PER_INSERT) {
      const ids = Array.from({ length: Math.min(ROWS_PER_INSERT, COUNT - start + 1) }, (_, k) => start + k);
      insert('orders', 'id, plan_id, kind, created_at, customer_email, customer_name, email_search, name_search', 8,
        ids.map((i) => [i, 1, i % 10 === 5 ? 'trial' : 'paid', i, `customer${i}@example.com`, `Customer ${i}`, `customer${i}@example.com`, `customer ${i}`]));
      insert('licenses', 'id, order_id, key_hash, key_ciphertext, status, expires_at, activation_limit, plan, created_at, key_head, key_tail', 11,
        ids.map((i) => {
          const key = keyOf(i);
          return [i + 1_000_000_000, i, hashSecret(key), blob, 'active', i % 3 === 0 ? null : 4_000_000_000_000 + i, 5, plan, i, key.slice(3, 8), key.slice(-5)];
        }));
      const withActivation = ids.filter((i) => i % 10 === 0);
      if (withActivation.length > 0) {
        insert('activations', 'license_id, instance_id, metadata, fingerprint, created_at, last_seen_at', 6,
          withActivation.map((i) => [i + 1_000_000_000, instanceOf(i), '{}', '{}', i, i]));
      }
    }
  }).immediate();
}

async function run(): Promise<void> {
  const started = performance.now();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  seed(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const seededS = (performance.now() - started) / 1000;
  console.log(`seeded ${COUNT.toLocaleString('en')} orders and licenses in ${seededS.toFixed(1)} s`);

  const storage = openSqliteStorage(path);
  const middle = Math.floor(COUNT / 2);
  const near = middle - (middle % 10);
  const key = keyOf(near);
  const now = Date.now();
  const base = { now, limit: 26 };
  // What the console asks for by default: paid orders only.
  const paid = { ...base, kind: 'paid' as const };
  const queries: [string, OrderQuery][] = [
    ['list, first page', paid],
    ['list, page deep in', { ...paid, beforeOrderId: middle }],
    ['list, trials only', { ...base, kind: 'trial', beforeOrderId: middle }],
    ['list, both kinds', base],
    ['email prefix', { ...base, match: { textPrefix: `customer${near}` } }],
    ['order number', { ...base, match: { orderId: near, textPrefix: String(near), reference: String(near), instanceId: String(near) } }],
    ['redacted key', { ...base, match: { keyGroups: { head: key.slice(3, 8), tail: key.slice(-5) }, textPrefix: key.toLowerCase(), reference: key, instanceId: key } }],
    ['Instance ID', { ...base, match: { instanceId: instanceOf(near), textPrefix: instanceOf(near).toLowerCase(), reference: instanceOf(near) } }],
  ];
  const DAY = 86_400_000;
  const measured: [string, () => Promise<string>][] = [
    ...queries.map(([name, query]): [string, () => Promise<string>] => [name, async () => `${(await storage.searchOrders(query)).length} found`]),
    ['overview: active', async () => `${(await storage.countActiveLicenses(now)).toLocaleString('en')} active`],
    ['overview: 7 days', async () => `${await storage.countActivationsSince(now - 7 * DAY)} activations`],
    ['overview: expiring', async () => `${(await storage.findExpiringLicenses(now, now + 30 * DAY, 5)).count} expiring`],
  ];
  let slow = 0;
  for (const [name, work] of measured) {
    const times: number[] = [];
    let said = '';
    for (let i = 0; i < REPEAT; i++) {
      const t0 = performance.now();
      said = await work();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] as number;
    if (median >= TARGET_MS) slow++;
    console.log(`  ${name.padEnd(20)} min ${(times[0] as number).toFixed(2).padStart(7)} ms  median ${median.toFixed(2).padStart(7)} ms  (${said})${median >= TARGET_MS ? '  OVER TARGET' : ''}`);
  }
  console.log(slow === 0 ? `every query under ${TARGET_MS} ms at ${COUNT.toLocaleString('en')} licenses` : `${slow} queries at or over ${TARGET_MS} ms`);
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
