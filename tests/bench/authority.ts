/*
 * Benchmark (not a test): the authority's validate and activate at concurrency 32 on loopback. The
 * authority runs in its own process pinned to core 0, wrk (lib/load-wrk.ts) on core 1, next to a
 * bare node:http hello-world measured the same way in the same run. Workloads are production-like:
 * each validate finds an activation last seen hours ago, activations spread over many licenses.
 * Prints each figure's min / median over RUNS runs, the server's CPU µs per request beside the
 * floor of the same work done in-process, and a summary table of each figure against its target.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { initDataDir, openDataDir } from '../../server/authority-data.ts';
import { systemClock } from '../../server/clock.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { encryptKey, hashSecret } from '../../server/storage/key-crypto.ts';
import type { LicensingContext } from '../../server/licensing/context.ts';
import { makeTempDir, newInstanceId } from '../harness/authority/test-authority.ts';
import { spawnAuthority, type AuthorityProcess } from '../harness/authority/spawn-authority.ts';
import { describe, measure, median, min, RUNS, type Figure } from './lib/load-figures.ts';
import { wrkMissing } from './lib/load-wrk.ts';
import { measureFloor } from './authority-floor.ts';
import { bulkSeedStaleLicenses } from './lib/bulk-seed.ts';
import { withPostgresDatabase } from './authority-postgres.ts';

const CONCURRENCY = 32;
const SECONDS = 3;
const HOUR = 3_600_000;
const FP = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };

const missing = wrkMissing();
if (missing) {
  console.log(`authority bench skipped: ${missing}`);
  process.exit(0);
}

const HELLO_WORLD = `
const http = require('node:http');
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"hello":"world"}'); });
}).listen(0, '127.0.0.1', function () { console.log(JSON.stringify({ url: 'http://127.0.0.1:' + this.address().port })); });
`;

// The most any Node JSON API can do: read and parse the JSON body, answer a JSON body the size of a
// validate's answer (~1.3 KB). Printed beside hello-world so the ratios can be read against it too.
const JSON_FLOOR = `
const http = require('node:http');
const answer = JSON.stringify({ valid: true, code: 'VALID', certificate: 'KA-' + 'A'.repeat(1200) });
http.createServer((req, res) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { text += chunk; });
  req.on('end', () => {
    JSON.parse(text);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
}).listen(0, '127.0.0.1', function () { console.log(JSON.stringify({ url: 'http://127.0.0.1:' + this.address().port })); });
`;

const pin = (pid: number) => spawnSync('taskset', ['-a', '-cp', '0', String(pid)], { stdio: 'ignore' });
const workDir = makeTempDir('keyhole-bench-');

interface Seeded {
  readonly key: string;
  readonly licenseId: number;
  readonly instances: readonly string[];
}

/** Licenses of an unlimited plan, each with `perLicense` activations last seen `at`, written straight through storage in big transactions. */
async function seed(ctx: LicensingContext, licenses: number, perLicense: number, at: number): Promise<Seeded[]> {
  const plan = await ctx.storage.createPlan({ name: 'Bench', activationLimit: null, expiry: null, mode: 'online', plugins: ['reports'], versions: { min: 0, max: null }, releaseLimit: null }, at);
  const { createdAt: _, activationLimit: __, expiry: ___, ...snapshot } = plan;
  const seeded: Seeded[] = [];
  const CHUNK = 2000;
  for (let from = 0; from < licenses; from += CHUNK) {
    await ctx.storage.transaction(async (tx) => {
      for (let i = from; i < Math.min(licenses, from + CHUNK); i++) {
        const key = generateLicenseKey();
        const license = await tx.createOrder(plan.id, { id: 1 + ((seededBase + i) >>> 0), keyHash: hashSecret(key), keyCiphertext: encryptKey(key, ctx.secret), expiresAt: null, activationLimit: null, plan: snapshot, createdAt: at });
        if (license === 'id-taken') throw new Error('license id taken while seeding');
        const instances = [];
        for (let n = 0; n < perLicense; n++) {
          const instanceId = newInstanceId();
          await tx.insertActivation({ licenseId: license.id, instanceId, instanceName: null, metadata: {}, fingerprint: FP, at });
          instances.push(instanceId);
        }
        seeded.push({ key, licenseId: license.id, instances });
      }
    });
  }
  seededBase += licenses;
  return seeded;
}
let seededBase = 0;

const validateBody = (key: string, instanceId: string) => JSON.stringify({ license_key: key, instance_id: instanceId });
const pairs = (seeded: readonly Seeded[]) => seeded.flatMap((s) => s.instances.map((instance) => validateBody(s.key, instance)));
// One slice per run and one for the warm-up, so no body is sent twice (a second validate within a
// minute would find its activation fresh, the cheap case).
const slices = (bodies: readonly string[]) => (run: number) => {
  const size = Math.floor(bodies.length / (RUNS + 1));
  return bodies.slice(run * size, (run + 1) * size);
};

console.log(`concurrency ${CONCURRENCY}, ${SECONDS} s per run, ${3} runs per figure; server on core 0, wrk on core 1; ${cpus().length} cores`);
console.log(`load average before: ${loadavg().map((n) => n.toFixed(2)).join(' ')}${(loadavg()[0] ?? 0) > 1.5 ? ' (the machine is busy: other work shares these cores, figures are low)' : ''}`);

const startPinned = async (source: string) => {
  const child = spawn('taskset', ['-c', '0', process.execPath, '-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()).url)));
  return { child, url };
};
const { child: hello, url: helloUrl } = await startPinned(HELLO_WORLD);
const { child: jsonFloor, url: jsonFloorUrl } = await startPinned(JSON_FLOOR);
const figure = (url: string, pid: number, bodies: (run: number) => readonly string[]) => measure({ url, pid, bodies, seconds: SECONDS, concurrency: CONCURRENCY, workDir });

const results: Record<string, Figure> = {};
const lines: string[] = [];
let authority: AuthorityProcess | null = null;
try {
  results.hello = figure(`${helloUrl}/license/validate`, hello.pid as number, () => ['{"license_key":"x"}']);
  lines.push(describe('hello-world (node:http)', results.hello, null));
  results.jsonFloor = figure(`${jsonFloorUrl}/license/validate`, jsonFloor.pid as number, () => ['{"license_key":"KH-M9K6R-EXXJ0-Y64VV-SFH4A-T6699","instance_id":"6R1G-GRNS-8V74-9TM6"}']);
  lines.push(describe('JSON floor (node:http, parse + 1.3 KB)', results.jsonFloor, results.hello));
  jsonFloor.kill('SIGTERM');

  const dataDir = makeTempDir('keyhole-bench-data-');
  await initDataDir(dataDir, loadProductConfig(), systemClock);
  const opened = await openDataDir(dataDir, loadProductConfig(), systemClock);
  const longAgo = Date.now() - 3 * HOUR;
  const spread = await seed(opened.context, 5000, 20, longAgo); // 100k stale activations on 5000 licenses
  const one = (await seed(opened.context, 1, 1, longAgo))[0] as Seeded;
  const crowded = (await seed(opened.context, 1, 100_000, longAgo))[0] as Seeded;
  await opened.close();

  authority = await spawnAuthority(dataDir);
  const pid = authority.child.pid as number;
  pin(pid);
  results.validate = figure(`${authority.url}/license/validate`, pid, slices(pairs(spread)));
  lines.push(describe('validate (stale, 5000 licenses)', results.validate, results.hello));
  const fresh = (run: number) => Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ license_key: spread[(run * 7919 + i) % spread.length]?.key, instance_id: newInstanceId() }));
  results.activate = figure(`${authority.url}/license/activate`, pid, fresh);
  lines.push(describe('activate (durable, new instances)', results.activate, results.hello));
  results.one = figure(`${authority.url}/license/validate`, pid, () => [validateBody(one.key, one.instances[0] as string)]);
  lines.push(describe('validate, 1 activation on license', results.one, results.hello));
  results.crowded = figure(`${authority.url}/license/validate`, pid, () => [validateBody(crowded.key, crowded.instances[0] as string)]);
  lines.push(describe('validate, 100k activations on license', results.crowded, results.hello));
  await authority.stop();
  authority = null;

  // Licenses in bulk (lib/bulk-seed.ts), each with one activation last seen hours ago: the
  // figures differ from the first stale validate only in how many licenses the file holds.
  let licenseCount = seededBase;
  for (const total of [10_000, 100_000, 1_000_000]) {
    const started = performance.now();
    const { bodies } = bulkSeedStaleLicenses(join(dataDir, 'keyhole.db'), { licenses: total - licenseCount, perLicense: Math.max(1, Math.ceil(60_000 / (total - licenseCount))), lastSeenAt: Date.now() - 3 * HOUR, sample: 60_000 });
    licenseCount = total;
    authority = await spawnAuthority(dataDir);
    pin(authority.child.pid as number);
    results[`licenses${total}`] = figure(`${authority.url}/license/validate`, authority.child.pid as number, slices(bodies));
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    lines.push(describe(`validate (stale), ${(total / 1000).toLocaleString('en')}k licenses`, results[`licenses${total}`] as Figure, results.hello) + `  (seeded and measured in ${seconds} s)`);
    await authority.stop();
    authority = null;
  }

  const floor = measureFloor(dataDir, pairs(spread).slice(0, 3000));
  lines.push(`floor in-process (same run): body parse ${floor.parseUs.toFixed(1)} µs + one Ed25519 sign ${floor.signUs.toFixed(1)} µs + three indexed reads ${floor.readsUs.toFixed(1)} µs = ${(floor.parseUs + floor.signUs + floor.readsUs).toFixed(1)} µs`);

  const pgFigure = await withPostgresDatabase(async (databaseUrl) => {
    const pgDir = makeTempDir('keyhole-bench-pg-');
    await initDataDir(pgDir, loadProductConfig(), systemClock, databaseUrl);
    const pgOpened = await openDataDir(pgDir, loadProductConfig(), systemClock, databaseUrl);
    const pgSpread = await seed(pgOpened.context, 2000, 20, Date.now() - 3 * HOUR);
    await pgOpened.close();
    const pgAuthority = await spawnAuthority(pgDir, ['--no-rate-limit', '--database', databaseUrl]);
    try {
      pin(pgAuthority.child.pid as number);
      return figure(`${pgAuthority.url}/license/validate`, pgAuthority.child.pid as number, slices(pairs(pgSpread)));
    } finally {
      await pgAuthority.stop();
      rmSync(pgDir, { recursive: true, force: true });
    }
  });
  if (typeof pgFigure === 'string') lines.push(`PostgreSQL: skipped (${pgFigure})`);
  else {
    results.postgres = pgFigure;
    lines.push(describe('PostgreSQL validate (stale, 2000 lic.)', pgFigure, results.hello));
  }
  rmSync(dataDir, { recursive: true, force: true });

  for (const line of lines) console.log(line);
  const helloMedian = median(results.hello.runs.map((r) => r.perSecond));
  const ratio = (f: Figure | undefined) => (f ? `${(min(f.runs.map((r) => r.perSecond)) / helloMedian).toFixed(2)} / ${(median(f.runs.map((r) => r.perSecond)) / helloMedian).toFixed(2)}` : 'skipped');
  const p99 = (f: Figure) => `${min(f.runs.map((r) => r.p99Ms)).toFixed(2)} / ${median(f.runs.map((r) => r.p99Ms)).toFixed(2)} ms`;
  const perRequest = (f: Figure) => f.runs.map((r) => 1 / r.perSecond);
  const growth = `${(min(perRequest(results.crowded)) / median(perRequest(results.one))).toFixed(2)}× / ${(median(perRequest(results.crowded)) / median(perRequest(results.one))).toFixed(2)}×`;
  // "Before": the figures measured on the hand-written HTTP layer, one fsync per activate, before this bench existed.
  console.log('\n| figure | before | target | measured now (min / median) |\n|---|---|---|---|');
  console.log(`| validate throughput / hello-world | 0.09–0.18 | ≥ 0.35 | ${ratio(results.validate)} |`);
  console.log(`| validate p99 | 13–26 ms | ≤ 8 ms | ${p99(results.validate)} |`);
  console.log(`| activate (durable) throughput / hello-world | 0.02–0.03 | ≥ 0.08 | ${ratio(results.activate)} |`);
  console.log(`| validate at 100k activations on one license / at 1 | ~44× | ≤ 1.2× | ${growth} (time per request) |`);
  console.log(`| PostgreSQL validate throughput / hello-world | — | ≥ 0.15 | ${ratio(results.postgres)} |`);
  const floorMedian = median(results.jsonFloor.runs.map((r) => r.perSecond));
  const ofFloor = (f: Figure | undefined) => (f ? `${(min(f.runs.map((r) => r.perSecond)) / floorMedian).toFixed(2)} / ${(median(f.runs.map((r) => r.perSecond)) / floorMedian).toFixed(2)}` : 'skipped');
  console.log(`\nAgainst the JSON floor (${floorMedian.toFixed(0)} req/s, ${(floorMedian / helloMedian).toFixed(2)} of hello-world): stale validate ${ofFloor(results.validate)}, fresh validate ${ofFloor(results.one)}, activate ${ofFloor(results.activate)}, PostgreSQL validate ${ofFloor(results.postgres)} (min / median)`);
  console.log(`load average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
} finally {
  await authority?.stop();
  hello.kill('SIGTERM');
  jsonFloor.kill('SIGTERM');
  rmSync(workDir, { recursive: true, force: true });
}
