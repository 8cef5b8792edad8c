/*
 * Benchmark (not a test): the authority's validate and activate at concurrency 32 on loopback, the
 * authority in its own process, next to a bare node:http hello-world measured in the same run.
 * Aims (issue 3): validate ≥ 50 % of hello-world throughput with p99 ≤ 20 ms; activate ≥ 20 %.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { initDataDir } from '../../server/authority-data.ts';
import { systemClock } from '../../server/clock.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { jsonClient, makeTempDir, newInstanceId } from '../../server/testing/test-authority.ts';
import { spawnAuthority } from '../authority/spawn-authority.ts';
import { runLoad, type LoadResult } from './lib/load.ts';

const CONCURRENCY = 32;
const LIMITS = { maxRequests: 20_000, maxSeconds: 4 };

const HELLO_WORLD = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"hello":"world"}'); });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port })));
`;

async function startHelloWorld() {
  const child = spawn(process.execPath, ['-e', HELLO_WORLD], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()).url)));
  return { url, stop: () => child.kill('SIGTERM') };
}

function row(name: string, result: LoadResult, baseline: LoadResult): string {
  const ratio = ((result.perSecond / baseline.perSecond) * 100).toFixed(0);
  return [
    name.padEnd(12),
    `${result.perSecond.toFixed(0).padStart(7)} req/s`,
    `p50 ${result.p50Ms.toFixed(2).padStart(6)} ms`,
    `p99 ${result.p99Ms.toFixed(2).padStart(6)} ms`,
    `${ratio.padStart(4)} % of hello-world`,
    `(${result.requests} requests, ${result.errors} errors)`,
  ].join('  ');
}

const dataDir = makeTempDir('keyhole-bench-');
const hello = await startHelloWorld();
const { adminToken } = await initDataDir(dataDir, loadProductConfig(), systemClock);
const authority = await spawnAuthority(dataDir);
try {
  const client = jsonClient(authority.url, adminToken as string);
  const { key } = await client.order({ name: 'Bench', activation_limit: null, expiry: null, mode: 'online', plugins: ['reports', 'sync'] });
  const instances = Array.from({ length: CONCURRENCY }, () => newInstanceId());
  for (const instance of instances) await client.post('/license/activate', { license_key: key, instance_id: instance });

  const baseline = await runLoad({ ...LIMITS, url: `${hello.url}/license/validate`, concurrency: CONCURRENCY, expectStatus: 200, body: () => '{"license_key":"x"}' });
  const validate = await runLoad({
    ...LIMITS,
    url: `${authority.url}/license/validate`,
    concurrency: CONCURRENCY,
    expectStatus: 200,
    body: (_, worker) => JSON.stringify({ license_key: key, instance_id: instances[worker] }),
  });
  const activate = await runLoad({
    ...LIMITS,
    url: `${authority.url}/license/activate`,
    concurrency: CONCURRENCY,
    expectStatus: 200,
    body: () => JSON.stringify({ license_key: key, instance_id: newInstanceId() }),
  });
  console.log(`concurrency ${CONCURRENCY}, loopback, authority and hello-world each in their own process`);
  console.log(row('hello-world', baseline, baseline));
  console.log(row('validate', validate, baseline));
  console.log(row('activate', activate, baseline));
} finally {
  await authority.stop();
  hello.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
