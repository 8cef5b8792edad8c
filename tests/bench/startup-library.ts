/*
 * Benchmark (not a test): what Keyhole costs a host app's start-up, three figures in one run, each
 * next to its own baseline measured alongside (runs alternate, so a busy machine shifts both):
 *   1. start-up evaluation (activated store, the real machine, until the evaluated status) vs a
 *      bare `node -e ''` — aim ≤ +60 ms;
 *   2. the whole fingerprint vs its slowest single component, each read alone — aim ≤ 1.2×;
 *   3. an empty Electron-style host vs the same host with the library, both bundled by vite with
 *      every dependency inlined, as a vendor ships them (`node host-with-library.mjs` vs
 *      `node empty-host.mjs`), until `license.ready`.
 * Each figure: min and median of RUNS fresh processes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { bundleProbe, median, prepareActivatedStore, runProbe, timeNode, writeProductFile } from './lib/startup.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const RUNS = 9;
const FINGERPRINT_RUNS = 5;
const PARTS = ['all', 'uuid', 'system', 'baseboard', 'diskLayout', 'cpu', 'mac'] as const;
const FINGERPRINT_PROBE = join(import.meta.dirname, 'lib', 'startup-fingerprint-probe.ts');

const say = (line = '') => console.log(line);
const min = (values: readonly number[]) => Math.min(...values);
const figures = (values: readonly number[]) => `min ${min(values).toFixed(0).padStart(4)} ms, median ${median(values).toFixed(0).padStart(4)} ms`;

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

async function alternate(runs: number, ...commands: (() => Promise<number>)[]): Promise<number[][]> {
  for (const command of commands) await command(); // warms the file cache
  const times = commands.map(() => [] as number[]);
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

  // 1. start-up evaluation vs bare Node
  const probe = await bundleProbe();
  const [bare, evaluation] = await alternate(
    RUNS,
    async () => (await timeNode(['-e', ''])).wallMs,
    async () => (await runProbe(probe, dataDir, productFile, 'real')).wallMs,
  );
  probe.dispose();
  say(`1. start-up evaluation (fresh process → evaluated status, real machine; ${RUNS} runs)`);
  say(`   node -e ''            ${figures(bare!)}`);
  say(`   start-up evaluation   ${figures(evaluation!)}   = +${(median(evaluation!) - median(bare!)).toFixed(0)} ms median, +${(min(evaluation!) - min(bare!)).toFixed(0)} ms min (aim ≤ +60 ms)`);

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

  // 3. an empty host vs the host with the library, bundled
  const hosts = join(temp, 'hosts');
  symlinkSync(join(ROOT, 'node_modules'), join(temp, 'node_modules'), 'dir');
  const emptyEntry = join(temp, 'empty-host.ts');
  writeFileSync(emptyEntry, "import { writeSync } from 'node:fs';\nwriteSync(1, 'started\\n');\nprocess.exit(0);\n");
  const empty = await bundleHost(hosts, emptyEntry, 'empty-host');
  const withLibrary = await bundleHost(hosts, join(import.meta.dirname, 'lib', 'host-with-library.ts'), 'host-with-library');
  const [emptyRuns, libraryRuns] = await alternate(
    RUNS,
    async () => (await timeNode([empty])).wallMs,
    async () => (await timeNode([withLibrary, dataDir, productFile])).wallMs,
  );
  say(`3. an Electron-style host's start-up, bundled with every dependency inlined (${RUNS} runs)`);
  say(`   node empty-host.mjs         ${figures(emptyRuns!)}`);
  say(`   node host-with-library.mjs  ${figures(libraryRuns!)}   = +${(median(libraryRuns!) - median(emptyRuns!)).toFixed(0)} ms median, +${(min(libraryRuns!) - min(emptyRuns!)).toFixed(0)} ms min, until license.ready`);
} finally {
  await authority.close();
  rmSync(temp, { recursive: true, force: true });
}
