import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLicenseCore } from '../../../node-core/create-license-core.ts';
import { staticIdentifierSource } from '../../../node-core/fingerprint/identifier-source.ts';
import { OFFICE_PC } from '../../harness/core/machines.ts';
import type { ProductConfig } from '../../../shared/product/config.ts';
import type { ProbeReport } from './startup-probe.ts';

/*
 * The start-up benchmark's plumbing: activated stores to read, the probe (startup-probe.ts) bundled
 * by vite for plain Node (no TypeScript loader), and timed runs of it, each in a fresh process, next
 * to `node -e ''`.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
export type ProbeSource = 'real' | 'static';

/** A store activated online with `key` for this machine as `source` sees it (the authority must be up). */
export async function prepareActivatedStore(dataDir: string, product: ProductConfig, key: string, source: ProbeSource): Promise<void> {
  const core = createLicenseCore({
    dataDir,
    product,
    appVersion: '1.0.0',
    env: {},
    ...(source === 'static' ? { identifierSource: staticIdentifierSource(OFFICE_PC) } : {}),
  });
  await core.service.activateOnline(key);
}

/**
 * Makes the `.js` chunks in `dir` ES modules by their package, as dist-electron/'s are by the app's
 * package.json: in a folder without one, Node first tries each chunk as CommonJS, compiling it twice.
 */
export function markAsModules(dir: string): void {
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
}

export interface BundledProbe {
  /** Arguments for `node` that run the probe. */
  readonly args: (dataDir: string, productFile: string, source: ProbeSource) => string[];
  readonly dispose: () => void;
}

/**
 * Bundles startup-probe.ts into a temp folder whose node_modules points at the repo's. By default
 * dependencies stay external (loaded from node_modules); `bundleDependencies` inlines them, as
 * dist-electron/main.js does.
 */
export async function bundleProbe(options: { bundleDependencies?: boolean } = {}): Promise<BundledProbe> {
  const { build } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'keyhole-bench-probe-'));
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    markAsModules(dir);
    await build({
      configFile: false,
      logLevel: 'silent',
      root: ROOT,
      ...(options.bundleDependencies ? { ssr: { noExternal: true } } : {}),
      build: {
        ssr: join(ROOT, 'tests', 'bench', 'lib', 'startup-probe.ts'),
        outDir: dir,
        emptyOutDir: false,
        target: 'node22',
        rolldownOptions: { output: { format: 'es', entryFileNames: 'probe.mjs' } },
      },
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    args: (dataDir, productFile, source) => [join(dir, 'probe.mjs'), dataDir, productFile, source],
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TimedRun {
  /** Spawn to exit, as the parent sees it. */
  readonly wallMs: number;
  /** The child's CPU time, user + system (on a busy machine the steadier figure); NaN where bash is missing. */
  readonly cpuMs: number;
  readonly stdout: string;
}

const TIME_MARK = 'keyhole-bench-cpu';
const HAS_BASH = existsSync('/bin/bash');

/**
 * Runs `node <args>` once and times it from spawn to exit; a failing run throws with its stderr.
 * The child runs under bash's `time`, which reports its CPU seconds on the last stderr line.
 */
export function timeNode(args: string[], timeoutMs = 15_000): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const [command, commandArgs] = HAS_BASH
      ? ['/bin/bash', ['-c', `TIMEFORMAT='${TIME_MARK} %3U %3S'; time "$0" "$@"`, process.execPath, ...args]]
      : [process.execPath, args];
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      const times = new RegExp(`${TIME_MARK} ([\\d.]+) ([\\d.]+)`).exec(stderr);
      const cpuMs = times ? (Number(times[1]) + Number(times[2])) * 1000 : Number.NaN;
      if (code === 0) resolve({ wallMs, cpuMs, stdout });
      else reject(new Error(`node ${args.join(' ')} ended with ${signal ?? code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

export interface ProbeRun extends TimedRun {
  readonly report: ProbeReport;
}

/** Runs the bundled probe once and returns its wall time and its own report. */
export async function runProbe(probe: BundledProbe, dataDir: string, productFile: string, source: ProbeSource): Promise<ProbeRun> {
  const run = await timeNode(probe.args(dataDir, productFile, source));
  return { ...run, report: JSON.parse(run.stdout) as ProbeReport };
}

/** Writes the product config where the probe can read it. */
export function writeProductFile(dir: string, product: ProductConfig): string {
  const file = join(dir, 'product.json');
  writeFileSync(file, JSON.stringify(product));
  return file;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : ((sorted[middle - 1]! + sorted[middle]!) / 2);
}
