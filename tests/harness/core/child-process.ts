import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs a TypeScript file of this folder in a separate Node process (tsx loader) and returns stdout. */
export function runChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', path, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${script} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** Starts a child and kills it with SIGKILL once `until(stdoutSoFar)` holds; resolves with its stdout. */
export function killChildWhen(script: string, args: string[], until: (stdout: string) => boolean): Promise<string> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until(stdout) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(stdout) : reject(new Error(`${script} exited on its own: ${stderr}`))));
  });
}
