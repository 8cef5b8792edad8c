import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Load from wrk in its own process, pinned to core 1 (the server runs on core 0), so the load
 * generator never competes with the server it measures. Each request's body is taken in turn from
 * `bodies`. The bench never installs anything: without wrk it says what to install.
 */

export interface WrkResult {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly errors: number;
}

export function wrkMissing(): string | null {
  const found = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (found.error) return 'wrk is not installed: install it (Debian: apt-get install wrk) and run npm run bench again';
  if (spawnSync('taskset', ['-c', '0', 'true']).error) return 'taskset is missing (Debian: util-linux)';
  return null;
}

const SCRIPT = `
local bodies, n, i = {}, 0, 0
for line in io.lines(os.getenv("WRK_BODIES")) do n = n + 1; bodies[n] = line end
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
request = function() i = i % n + 1; return wrk.format(nil, nil, nil, bodies[i]) end
`;

const ms = (text: string) => {
  const [, value, unit] = /([\d.]+)(us|ms|s)/.exec(text) ?? [];
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : n;
};

export function runWrk(options: { url: string; bodies: readonly string[]; seconds: number; concurrency: number; workDir: string }): WrkResult {
  const bodiesFile = join(options.workDir, 'bodies.txt');
  const scriptFile = join(options.workDir, 'bodies.lua');
  writeFileSync(bodiesFile, `${options.bodies.join('\n')}\n`);
  writeFileSync(scriptFile, SCRIPT);
  const args = ['-c', '1', 'wrk', '-t1', `-c${options.concurrency}`, `-d${options.seconds}s`, '--latency', '-s', scriptFile, options.url];
  const run = spawnSync('taskset', args, { encoding: 'utf8', env: { ...process.env, WRK_BODIES: bodiesFile }, timeout: (options.seconds + 30) * 1000 });
  const out = run.stdout ?? '';
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const socketErrors = (/Socket errors:(.*)/.exec(out)?.[1] ?? '').match(/\d+/g) ?? [];
  const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + socketErrors.reduce((n, v) => n + Number(v), 0);
  return {
    perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50Ms: ms(/50%\s+(\S+)/.exec(out)?.[1] ?? '0ms'),
    p99Ms: ms(/99%\s+(\S+)/.exec(out)?.[1] ?? '0ms'),
    requests,
    errors,
  };
}
