import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/*
 * Starts `keyhole authority start` as its own process (the way a vendor runs it) and reads the URL
 * it prints with --json. Also runs one-shot CLI commands.
 */

export const KEYHOLE_BIN = fileURLToPath(new URL('../../../bin/keyhole.js', import.meta.url));

export interface AuthorityProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (kill -9) and wait for the exit. */
  kill9(): Promise<void>;
}

export function spawnAuthority(dataDir: string, extraArgs: readonly string[] = ['--no-rate-limit']): Promise<AuthorityProcess> {
  const child = spawn(process.execPath, [KEYHOLE_BIN, 'authority', 'start', '--data', dataDir, '--port', '0', '--json', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited;
  };
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      try {
        const { url } = JSON.parse(stdout) as { url: string };
        resolve({ url, child, stop: signal('SIGTERM'), kill9: signal('SIGKILL') });
      } catch {
        // not the whole JSON document yet
      }
    });
    child.once('exit', (code) => reject(new Error(`authority exited with ${code} before listening: ${stderr}`)));
  });
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  // Bounded, so a command that wrongly keeps running (a server that should have refused to start) fails the test.
  const result = spawnSync(process.execPath, [KEYHOLE_BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The CLI run in this process (`main` with the streams it writes to): a command costs what its
 * work costs, not a Node start. For what the command does; runCli for what the process shows.
 */
export async function runCliHere(args: readonly string[]): Promise<CliResult> {
  // Loaded on first use: the files that only spawn the CLI do not load all of it.
  const { main } = await import('../../../server/cli/main.ts');
  let stdout = '';
  let stderr = '';
  const status = await main(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { status, stdout, stderr };
}

/**
 * runCli without blocking this process: a test that holds keep-alive connections to a server must
 * keep its event loop turning, or it reuses sockets the server closed meanwhile.
 */
export function runCliAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [KEYHOLE_BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ status: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}
