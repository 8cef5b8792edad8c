import { readFileSync } from 'node:fs';
import { runWrk, type WrkResult } from './load-wrk.ts';

/*
 * One figure of the authority bench: a warm-up run that is not counted (a server that just started
 * has not compiled its hot paths yet, and production servers have), then the same load RUNS times,
 * each run with its own slice of bodies (so a "stale" workload stays stale), the server's CPU time
 * read from /proc around each run. Reported as min and median, never a single lucky run.
 */

export const RUNS = 3;
/** `bodies(WARM_UP)` is the warm-up's own slice. */
export const WARM_UP = RUNS;
const WARM_UP_SECONDS = 1;
const TICK_US = 10_000; // Linux USER_HZ = 100: /proc times are in 10 ms ticks.

export interface Figure {
  readonly runs: readonly (WrkResult & { readonly cpuUsPerRequest: number })[];
}

function cpuUs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

export function measure(options: { url: string; pid: number; bodies: (run: number) => readonly string[]; seconds: number; concurrency: number; workDir: string }): Figure {
  runWrk({ ...options, seconds: WARM_UP_SECONDS, bodies: options.bodies(WARM_UP) });
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const before = cpuUs(options.pid);
    const result = runWrk({ ...options, bodies: options.bodies(run) });
    runs.push({ ...result, cpuUsPerRequest: (cpuUs(options.pid) - before) / Math.max(1, result.requests) });
  }
  return { runs };
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
export const min = (values: number[]) => sorted(values)[0] ?? 0;
export const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] ?? 0;

export function describe(name: string, figure: Figure, hello: Figure | null): string {
  const per = figure.runs.map((r) => r.perSecond);
  const ratio = hello ? ` = ${(min(per) / median(hello.runs.map((r) => r.perSecond))).toFixed(2)} / ${(median(per) / median(hello.runs.map((r) => r.perSecond))).toFixed(2)} of hello-world` : '';
  const p99 = figure.runs.map((r) => r.p99Ms);
  return [
    name.padEnd(34),
    `${min(per).toFixed(0)} / ${median(per).toFixed(0)} req/s${ratio}`,
    `p50 ${median(figure.runs.map((r) => r.p50Ms)).toFixed(2)} ms`,
    `p99 ${min(p99).toFixed(2)} / ${median(p99).toFixed(2)} ms`,
    `cpu ${median(figure.runs.map((r) => r.cpuUsPerRequest)).toFixed(0)} µs/req`,
    `errors ${figure.runs.reduce((n, r) => n + r.errors, 0)}`,
  ].join('  ');
}
