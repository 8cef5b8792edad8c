/*
 * `npm start`: the demo, in one command.
 *   1. builds the app if a source changed since the last build;
 *   2. starts the demo license authority on loopback (data in ./.keyhole-demo/authority) and prints
 *      its demo keys;
 *   3. runs the Electron app when its binary can start here, otherwise serves the same app to a
 *      browser (the browser host) and says why.
 * Ctrl-C stops everything. Problems are reported in a sentence, never with a stack trace.
 *
 * `npm start -- --replay <bundle.json> [--product FILE] [--data DIR]` opens the app read-only on a
 * customer's support bundle, and `npm start -- --scenario <CODE>` on generated data for any code of
 * the error catalog (scripts/start/replay.ts); neither starts the demo authority.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createAppHost, type AppHost } from '../node-core/app/app-host.ts';
import { startBrowserHost, type BrowserHost } from '../node-core/browser-host/browser-host.ts';
import { createDoor } from '../shared/ipc/door.ts';
import { DEMO_ENV } from '../node-core/app/license-env.ts';
import { startDemoAuthority, type DemoAuthority } from '../server/demo/start-demo-authority.ts';
import { createReplayHost } from '../node-core/replay/replay-host.ts';
import { ReplayError } from '../node-core/replay/read-bundle.ts';
import { SetupError } from '../server/setup-error.ts';
import { buildApp, buildIsStale } from './start/build-if-needed.ts';
import { parseStartArgs, prepareReplay, START_USAGE, StartUsage, type DemoMode, type ReplayPlan, type StartMode } from './start/replay.ts';
import { hasDisplay, probeElectron } from './start/electron-binary.ts';

const root = join(import.meta.dirname, '..');
const defaultDemoDir = join(root, '.keyhole-demo');
const appVersion = (await import('../package.json', { with: { type: 'json' } })).default.version;

const args = process.argv.slice(2);
const say = (line = '') => process.stdout.write(`${line}\n`);


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

function startMode(): StartMode {
  try {
    return parseStartArgs(args);
  } catch (error) {
    if (!(error instanceof StartUsage)) throw error;
    process.stderr.write(`npm start: ${error.message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const mode = startMode();
  if (mode.kind === 'help') {
    say(START_USAGE);
    return;
  }
  // A bundle that cannot be replayed is said before anything is built or started.
  const plan = mode.kind === 'demo' ? null : await replayPlan(mode);
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
  if (plan) return runReplay(plan);
  if (mode.kind !== 'demo') return;
  return runDemo(mode);
}

async function runDemo(mode: DemoMode): Promise<void> {
  const demoDir = resolve(mode.demoDir ?? defaultDemoDir);
  let authority: DemoAuthority;
  try {
    mkdirSync(demoDir, { recursive: true });
    authority = await startDemoAuthority({ dataDir: join(demoDir, 'authority') });
  } catch (error) {
    return fail(`the demo license authority did not start: ${firstLine(error)}`);
  }
  cleanups.push(() => authority.close());
  printDemo(authority, demoDir);

  const electron = mode.browser ? { ok: false as const, reason: '--browser was given' } : await probeElectron();
  if (electron.ok) return runElectron(electron.path, authority, demoDir);
  say(`Electron is not used: ${electron.reason}.`);
  say('Serving the same app to your browser instead (the real renderer against the real license core).');
  return runBrowserHost(authority, demoDir, mode.port);
}

function printDemo(authority: DemoAuthority, demoDir: string): void {
  say('');
  say(`Demo license authority: ${authority.url}  (data: ${relative(process.cwd(), join(demoDir, 'authority')) || '.'})`);
  say('Demo license keys — paste one into the app:');
  const width = Math.max(...authority.keys.map((key) => key.name.length));
  for (const key of authority.keys) say(`  ${key.name.padEnd(width)}  ${key.key}  ${key.description}`);
  say('');
  say(`Vendor console: ${authority.console.url}  (demo vendor ${authority.console.email})`);
  say(`  Sign in: open ${authority.console.signInLink}`);
  say('  (single use: it sets the password and signs you in; each npm start prints a new one)');
  say('');
}

function runElectron(binary: string, authority: DemoAuthority, demoDir: string): Promise<void> {
  const configPath = join(demoDir, 'product.json');
  writeFileSync(configPath, `${JSON.stringify(authority.productConfig, null, 2)}\n`);
  return spawnElectron(binary, { [DEMO_ENV.productConfig]: configPath, [DEMO_ENV.dataDir]: join(demoDir, 'app'), [DEMO_ENV.mode]: 'demo' });
}

function spawnElectron(binary: string, env: Record<string, string>): Promise<void> {
  const child: ChildProcess = spawn(binary, [root], { stdio: 'inherit', env: { ...process.env, ...env } });
  cleanups.push(() => void child.kill());
  say('Starting the Electron app… (close its window or press Ctrl-C to stop)');
  child.once('exit', (code) => void shutdown(code ?? 0));
  return Promise.resolve();
}

async function runBrowserHost(authority: DemoAuthority, demoDir: string, port: number | null): Promise<void> {
  let app: AppHost;
  try {
    app = createAppHost({
      product: authority.productConfig,
      dataDir: join(demoDir, 'app'),
      appVersion,
      mode: 'demo',
      host: 'browser',
      log: debugLog,
    });
  } catch (error) {
    return fail(`the app did not start: ${firstLine(error)}`);
  }
  return serveInBrowser(app, port);
}

// The core's debug lines (fingerprint timings, unexpected handler errors) only when asked for.
const debugLog = (line: string) => void (process.env.KEYHOLE_DEBUG ? process.stderr.write(`${line}\n`) : undefined);

/** Serves an app host (the demo's or a replay's) to a browser on loopback and says where. */
async function serveInBrowser(app: AppHost, port: number | null = null): Promise<void> {
  cleanups.push(() => app.close());
  let host: BrowserHost;
  try {
    host = await startBrowserHost({ door: createDoor(app.handlers, app.log), onEvent: app.onEvent, staticDir: join(root, 'dist'), ...(port === null ? {} : { port }) });
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

async function replayPlan(mode: Exclude<StartMode, { kind: 'demo' | 'help' }>): Promise<ReplayPlan> {
  try {
    return await prepareReplay(mode, root);
  } catch (error) {
    if (error instanceof ReplayError || error instanceof SetupError) return fail(error.message);
    throw error;
  }
}

/** --replay / --scenario: the read-only host on a checked bundle, in Electron or the browser. */
async function runReplay(plan: ReplayPlan): Promise<void> {
  const { bundle } = plan;
  say(
    plan.scenario
      ? `Scenario ${plan.scenario}: generated data (a throwaway signing key), read-only.`
      : `Replaying the support bundle of Instance ID ${bundle.instanceId} from ${new Date(bundle.createdAt).toISOString()}, read-only.\nThe customer saw: ${bundle.seen.code ?? 'ACTIVE'} (${bundle.seen.state}); keys: ${plan.keysFrom}.`,
  );
  const electron = await probeElectron();
  if (electron.ok) {
    const dir = join(defaultDemoDir, 'replay');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'bundle.json'), `${JSON.stringify(bundle, null, 2)}\n`);
    writeFileSync(join(dir, 'product.json'), `${JSON.stringify(plan.product, null, 2)}\n`);
    const env = { [DEMO_ENV.replayBundle]: join(dir, 'bundle.json'), [DEMO_ENV.productConfig]: join(dir, 'product.json'), [DEMO_ENV.scenario]: plan.scenario ?? '' };
    return spawnElectron(electron.path, env);
  }
  say(`Electron cannot run here: ${electron.reason}. Serving the replay to your browser instead.`);
  let app: AppHost;
  try {
    app = await createReplayHost({ bundle, product: plan.product, keySet: plan.keySet, keysFrom: plan.keysFrom, host: 'browser', log: debugLog, ...(plan.scenario ? { scenario: plan.scenario } : {}) });
  } catch (error) {
    if (error instanceof ReplayError) return fail(error.message);
    throw error;
  }
  if (app.info.replay?.differs) say(`Note: ${app.info.replay.differs}`);
  return serveInBrowser(app);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

await main().catch((error: unknown) => fail(firstLine(error)));
