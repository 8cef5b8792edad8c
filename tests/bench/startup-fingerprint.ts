/*
 * Benchmark (not a test): the real machine's fingerprint next to its slowest single component,
 * each read alone, in one run. The probes run concurrently, so the whole should cost little more
 * than its slowest part (aim ≤ 1.2×); a probe that blocks the event loop shows up as the gap.
 * Each measurement runs in a fresh process (systeminformation caches some answers in memory).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNS = 5;
const AIM = 1.2;
const PROBE = fileURLToPath(new URL('./lib/startup-fingerprint-probe.ts', import.meta.url));
const PARTS = ['all', 'uuid', 'system', 'baseboard', 'diskLayout', 'cpu', 'mac'] as const;

function timeOnce(part: string): number {
  const result = spawnSync(process.execPath, ['--import', 'tsx', PROBE, part], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${part}: ${result.stderr}`);
  return Number(result.stdout.trim());
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const runs = new Map<string, number[]>(PARTS.map((part) => [part, []]));
for (const part of PARTS) timeOnce(part); // warms the file cache
for (let i = 0; i < RUNS; i++) for (const part of PARTS) runs.get(part)!.push(timeOnce(part));

const all = median(runs.get('all')!);
const parts = PARTS.filter((part) => part !== 'all').map((part) => [part, median(runs.get(part)!)] as const);
const [slowestName, slowest] = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
console.log(`fingerprint of this machine (median of ${RUNS}, each in a fresh process, module load excluded)`);
for (const [part, ms] of parts) console.log(`  ${part.padEnd(12)} ${ms.toFixed(0).padStart(5)} ms alone`);
console.log(`  ${'whole'.padEnd(12)} ${all.toFixed(0).padStart(5)} ms = ${(all / slowest).toFixed(2)}× the slowest part (${slowestName}; aim ≤ ${AIM}×)`);
