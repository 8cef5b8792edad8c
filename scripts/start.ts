/*
 * `npm start`: the demo, in one command.
 *   1. builds the app if a source changed since the last build;
 *   2. starts the demo license authority on loopback (data in ./.keyhole-demo/authority) and prints
 *      its demo keys;
 *   3. runs the Electron app when its binary can start here, otherwise serves the same app to a
 *      browser (the browser host) and says why.
 * Ctrl-C stops everything. Problems are reported in a sentence, never with a stack trace.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAppHost, type AppHost } from '../electron/app-host.ts';
import { startBrowserHost, type BrowserHost } from '../electron/browser-host/browser-host.ts';
import { createDoor } from '../shared/ipc/door.ts';
import { DEMO_ENV } from '../electron/license-env.ts';
import { startDemoAuthority, type DemoAuthority } from '../server/demo/start-demo-authority.ts';
import { buildApp, buildIsStale } from './start/build-if-needed.ts';
import { hasDisplay, probeElectron } from './start/electron-binary.ts';

const root = join(import.meta.dirname, '..');
const demoDir = join(root, '.keyhole-demo');
const appVersion = (await import('../package.json', { with: { type: 'json' } })).default.version;

const args = process.argv.slice(2);
const say = (line = '') => process.stdout.write(`${line}\n`);

function notYet(flag: string): never {
  say(`${flag} is not available yet: replaying support bundles and scenarios comes with the support tooling (issue 6).`);
  process.exit(2);
}

const cleanups: (() => Promise<void> | void)[] = [];
async function shutdown(code: number): Promise<never> {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch {
      // Shutting down anyway; a failing close must not hide the others.
    }
  }
  process.exit(code);
}

function fail(message: string): Promise<never> {
  process.stderr.write(`\nnpm start could not continue: ${message}\n`);
  return shutdown(1);
}

async function main(): Promise<void> {
  if (args.includes('--replay')) notYet('--replay');
  if (args.includes('--scenario')) notYet('--scenario');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      say('\nStopping the demo…');
      void shutdown(0);
    });
  }

  if (buildIsStale(root)) {
    say('Building the app (vite)…');
    await buildApp(root).catch((error: unknown) => fail(`the build failed: ${firstLine(error)}`));
  }

  let authority: DemoAuthority;
  try {
    mkdirSync(demoDir, { recursive: true });
    authority = await startDemoAuthority({ dataDir: join(demoDir, 'authority') });
  } catch (error) {
    return fail(`the demo license authority did not start: ${firstLine(error)}`);
  }
  cleanups.push(() => authority.close());
  printDemo(authority);

  const electron = await probeElectron();
  if (electron.ok) return runElectron(electron.path, authority);
  say(`Electron cannot run here: ${electron.reason}.`);
  say('Serving the same app to your browser instead (the real renderer against the real license core).');
  return runBrowserHost(authority);
}

function printDemo(authority: DemoAuthority): void {
  say('');
  say(`Demo license authority: ${authority.url}  (data: .keyhole-demo/authority)`);
  say('Demo license keys — paste one into the app:');
  const width = Math.max(...authority.keys.map((key) => key.name.length));
  for (const key of authority.keys) say(`  ${key.name.padEnd(width)}  ${key.key}  ${key.description}`);
  say('');
}

function runElectron(binary: string, authority: DemoAuthority): Promise<void> {
  const configPath = join(demoDir, 'product.json');
  writeFileSync(configPath, `${JSON.stringify(authority.productConfig, null, 2)}\n`);
  const child: ChildProcess = spawn(binary, [root], {
    stdio: 'inherit',
    env: { ...process.env, [DEMO_ENV.productConfig]: configPath, [DEMO_ENV.dataDir]: join(demoDir, 'app'), [DEMO_ENV.mode]: 'demo' },
  });
  cleanups.push(() => void child.kill());
  say('Starting the Electron app… (close its window or press Ctrl-C to stop)');
  child.once('exit', (code) => void shutdown(code ?? 0));
  return Promise.resolve();
}

async function runBrowserHost(authority: DemoAuthority): Promise<void> {
  let app: AppHost;
  let host: BrowserHost;
  try {
    app = createAppHost({
      product: authority.productConfig,
      dataDir: join(demoDir, 'app'),
      appVersion,
      mode: 'demo',
      host: 'browser',
      // The core's debug lines (fingerprint timings, unexpected handler errors) only when asked for.
      log: (line) => void (process.env.KEYHOLE_DEBUG ? process.stderr.write(`${line}\n`) : undefined),
    });
    cleanups.push(() => app.close());
    host = await startBrowserHost({ door: createDoor(app.handlers, app.log), onEvent: app.onEvent, staticDir: join(root, 'dist') });
    cleanups.push(() => host.close());
  } catch (error) {
    return fail(`the browser host did not start: ${firstLine(error)}`);
  }
  say(`Open this address in a browser on this computer:\n\n  ${host.url}\n`);
  say('(It works only from here: the address carries a one-time secret and answers on 127.0.0.1 only.)');
  if (hasDisplay() && spawnSync('which', ['xdg-open'], { stdio: 'ignore' }).status === 0) {
    spawn('xdg-open', [host.url], { stdio: 'ignore', detached: true }).unref();
  } else if (process.platform === 'linux') {
    say('(No display found, so no browser was opened for you.)');
  }
  say('Press Ctrl-C to stop.');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

await main().catch((error: unknown) => fail(firstLine(error)));
