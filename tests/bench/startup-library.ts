/*
 * Benchmark (not a test): what Keyhole costs a host app's start-up, three figures in one run, each
 * next to its own baseline measured alongside (runs alternate, so a busy machine shifts both):
 *   1. start-up evaluation (activated store, the real machine, until the evaluated status) vs a
 *      bare `node -e ''` — aim ≤ +60 ms — bundled with every dependency inlined as the app's main
 *      process ships (dist-electron/main.js), and beside it with the dependencies left in node_modules;
 *   2. the whole fingerprint vs its slowest single component, each read alone — aim ≤ 1.2×;
 *   3. an empty Electron-style host vs the same host with the library, both bundled by vite with
 *      every dependency inlined, as a vendor ships them (`node host-with-library.mjs` vs
 *      `node empty-host.mjs`), until `license.ready`.
 * Each figure: min and median wall time of RUNS fresh processes, and their median CPU time (user +
 * system), which a busy machine shifts less.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, buildIsStale } from '../../scripts/start/build-if-needed.ts';
import { startDemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { bundleProbe, markAsModules, median, prepareActivatedStore, runProbe, timeNode, writeProductFile, type TimedRun } from './lib/startup.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const RUNS = 9;
const FINGERPRINT_RUNS = 5;
const PARTS = ['all', 'uuid', 'system', 'baseboard', 'diskLayout', 'cpu', 'mac'] as const;
const FINGERPRINT_PROBE = join(import.meta.dirname, 'lib', 'startup-fingerprint-probe.ts');

const say = (line = '') => console.log(line);
const min = (values: readonly number[]) => Math.min(...values);
const figures = (values: readonly number[]) => `min ${min(values).toFixed(0).padStart(4)} ms, median ${median(values).toFixed(0).padStart(4)} ms`;
const walls = (runs: readonly TimedRun[]) => runs.map((run) => run.wallMs);
const cpus = (runs: readonly TimedRun[]) => runs.map((run) => run.cpuMs);
/** Wall figures, then the median CPU time (user + system) of the same runs. */
const timed = (runs: readonly TimedRun[]) => `${figures(walls(runs))}, CPU median ${median(cpus(runs)).toFixed(0).padStart(4)} ms`;
const over = (runs: readonly TimedRun[], base: readonly TimedRun[]) =>
  `+${(median(walls(runs)) - median(walls(base))).toFixed(0)} ms median, +${(min(walls(runs)) - min(walls(base))).toFixed(0)} ms min, CPU +${(median(cpus(runs)) - median(cpus(base))).toFixed(0)} ms`;

/** Bundles `entry` with every dependency inlined, as a vendor's build would; returns the .mjs path. */
async function bundleHost(dir: string, entry: string, name: string): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    ssr: { noExternal: true },
    build: { ssr: entry, outDir: dir, emptyOutDir: false, target: 'node22', rolldownOptions: { output: { format: 'es', entryFileNames: `${name}.mjs` } } },
  });
  return join(dir, `${name}.mjs`);
}

async function alternate(runs: number, ...commands: (() => Promise<TimedRun>)[]): Promise<TimedRun[][]> {
  for (const command of commands) await command(); // warms the file cache
  const times = commands.map(() => [] as TimedRun[]);
  for (let i = 0; i < runs; i++) for (const [index, command] of commands.entries()) times[index]!.push(await command());
  return times;
}

function fingerprintOnce(part: string): number {
  const result = spawnSync(process.execPath, ['--import', 'tsx', FINGERPRINT_PROBE, part], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${part}: ${result.stderr}`);
  return Number(result.stdout.trim());
}

const temp = mkdtempSync(join(tmpdir(), 'keyhole-bench-library-'));
const authority = await startDemoAuthority({ dataDir: join(temp, 'authority') });
try {
  const productFile = writeProductFile(temp, authority.productConfig);
  const dataDir = join(temp, 'app');
  await prepareActivatedStore(dataDir, authority.productConfig, authority.keys.find((k) => k.name === 'online')!.key, 'real');

  // 1. start-up evaluation vs bare Node: the probe bundled as dist-electron/main.js ships (every
  //    dependency inlined), and with its dependencies loaded from node_modules as plain files
  const bundled = await bundleProbe({ bundleDependencies: true });
  const external = await bundleProbe();
  const [bare, evaluation, unbundled] = await alternate(
    RUNS,
    () => timeNode(['-e', '']),
    () => runProbe(bundled, dataDir, productFile, 'real'),
    () => runProbe(external, dataDir, productFile, 'real'),
  );
  bundled.dispose();
  external.dispose();
  say(`1. start-up evaluation (fresh process → evaluated status, real machine; ${RUNS} runs)`);
  say(`   node -e ''                     ${timed(bare!)}`);
  say(`   start-up evaluation, bundled   ${timed(evaluation!)}   = ${over(evaluation!, bare!)} (aim ≤ +60 ms)`);
  say(`     dependencies from node_modules ${timed(unbundled!)}   = ${over(unbundled!, bare!)}`);

  // 2. fingerprint vs its slowest component
  for (const part of PARTS) fingerprintOnce(part);
  const parts = new Map<string, number[]>(PARTS.map((part) => [part, []]));
  for (let i = 0; i < FINGERPRINT_RUNS; i++) for (const part of PARTS) parts.get(part)!.push(fingerprintOnce(part));
  const whole = parts.get('all')!;
  const alone = PARTS.filter((part) => part !== 'all').map((part) => [part, parts.get(part)!] as const);
  const [slowestName, slowest] = alone.reduce((a, b) => (median(b[1]) > median(a[1]) ? b : a));
  say(`2. fingerprint (module load excluded; ${FINGERPRINT_RUNS} runs each)`);
  for (const [part, times] of alone) say(`   ${part.padEnd(20)}  ${figures(times)}`);
  say(`   whole                 ${figures(whole)}   = ${(median(whole) / median(slowest)).toFixed(2)}× median, ${(min(whole) / min(slowest)).toFixed(2)}× min of the slowest (${slowestName}; aim ≤ 1.2×)`);

  // 3. an empty host vs the host with the library, bundled: keyhole/node is its built entry (dist-library/)
  if (buildIsStale(ROOT)) await buildApp(ROOT);
  const hosts = join(temp, 'hosts');
  symlinkSync(join(ROOT, 'node_modules'), join(temp, 'node_modules'), 'dir');
  markAsModules(temp); // a vendor's ES module app, as the shipped app's package.json says of dist-electron/
  const emptyEntry = join(temp, 'empty-host.ts');
  writeFileSync(emptyEntry, "import { writeSync } from 'node:fs';\nwriteSync(1, 'started\\n');\nprocess.exit(0);\n");
  const empty = await bundleHost(hosts, emptyEntry, 'empty-host');
  const withLibrary = await bundleHost(hosts, join(import.meta.dirname, 'lib', 'host-with-library.ts'), 'host-with-library');
  const [emptyRuns, libraryRuns] = await alternate(
    RUNS,
    () => timeNode([empty]),
    () => timeNode([withLibrary, dataDir, productFile]),
  );
  say(`3. an Electron-style host's start-up, bundled with every dependency inlined (${RUNS} runs)`);
  say(`   node empty-host.mjs         ${timed(emptyRuns!)}`);
  say(`   node host-with-library.mjs  ${timed(libraryRuns!)}   = ${over(libraryRuns!, emptyRuns!)}, until license.ready`);
} finally {
  await authority.close();
  rmSync(temp, { recursive: true, force: true });
}
