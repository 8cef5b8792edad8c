import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAppHost, type AppHost } from '../../../node-core/app/app-host.ts';
import { startBrowserHost, type BrowserHost } from '../../../node-core/browser-host/browser-host.ts';
import { offsetClock, systemClock } from '../../../node-core/clock.ts';
import { staticIdentifierSource, type RawIdentifiers } from '../../../node-core/fingerprint/identifier-source.ts';
import { buildApp, buildIsStale } from '../../../scripts/start/build-if-needed.ts';
import { startDemoAuthority, type DemoAuthority } from '../../../server/demo/start-demo-authority.ts';
import { createDoor } from '../../../shared/ipc/door.ts';
import type { ProductConfig } from '../../../shared/product/config.ts';
import { openContext } from './chromium.ts';

/*
 * One app under test: a real demo authority (temp data dir), the real core behind the real browser
 * host (temp app data dir), and a Chromium page on it. Tests move the app's clock, swap the machine
 * (fingerprint source), stop and restart the authority on the same port, and restart the host.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DAY = 86_400_000;
export { DAY };

/** A machine with every component readable (so the fingerprint is not weak). */
export function machine(name: string): Partial<RawIdentifiers> {
  return {
    machineId: `${name}-machine-id`,
    systemUuid: `${name}-system-uuid`,
    baseboardSerial: `${name}-board`,
    diskSerial: `${name}-disk`,
    cpu: 'GenuineIntel|Test CPU|6|1|1',
    mac: '02:00:00:00:00:01',
  };
}

let built: Promise<void> | null = null;
/** Builds dist/ once per process when a source is newer than it. */
export function ensureBuilt(): Promise<void> {
  built ??= buildIsStale(ROOT) ? buildApp(ROOT) : Promise.resolve();
  return built;
}

export interface AppUnderTest {
  readonly page: Page;
  readonly authority: DemoAuthority;
  /** Demo keys by name (online, expired, deactivated, limit-reached, few-plugins, …). */
  key(name: string): string;
  /** Moves the app's clock (not the machine's) by `ms` from real time. */
  setClockOffset(ms: number): void;
  stopAuthority(): Promise<void>;
  /** Same port and data, optionally with the server's clock shifted too. */
  startAuthority(clockOffsetMs?: number): Promise<void>;
  /** Closes host and page, starts a new host over the same app data dir, opens it. */
  restartHost(options?: { machine?: Partial<RawIdentifiers>; whileStopped?: (appDataDir: string) => void }): Promise<void>;
  /** Hands an activate link to the running app as the OS would (a second launch, macOS open-url). */
  openLink(link: string): void;
  /** The app data dir (e.g. to damage the store between runs). */
  readonly appDataDir: string;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly machine?: Partial<RawIdentifiers>;
  /** Called with the app data dir before the first host starts. */
  readonly prepare?: (appDataDir: string) => void;
  readonly colorScheme?: 'light' | 'dark';
  /** Points the app somewhere else than the demo authority (e.g. a server that never answers). */
  readonly authorityUrl?: string;
  /** 2 emulates 200 % browser zoom (half the CSS viewport, twice the pixels). */
  readonly zoom?: number;
  /** The name this installation reports when it activates (the authority's slot list shows it). */
  readonly instanceName?: string;
  /** Extra parameters on the app's address at first open, e.g. `{ key: … }` (the browser host's deep link). */
  readonly startParams?: Readonly<Record<string, string>>;
}

export async function startApp(browser: Browser, options: StartOptions = {}): Promise<AppUnderTest> {
  await ensureBuilt();
  const temp = mkdtempSync(join(tmpdir(), 'keyhole-e2e-'));
  const authorityDir = join(temp, 'authority');
  const appDataDir = join(temp, 'app');
  let offset = 0;
  const clock = offsetClock(systemClock, () => offset);
  let authority: DemoAuthority | null = await startDemoAuthority({ dataDir: authorityDir });
  const product: ProductConfig = { ...authority.productConfig, authorityUrl: options.authorityUrl ?? authority.url };
  const port = Number(new URL(authority.url).port);
  const first = authority;

  let app: AppHost | null = null;
  let host: BrowserHost | null = null;
  let context: BrowserContext | null = null;
  let page: Page | null = null;

  async function open(identifiers: Partial<RawIdentifiers>, params: Readonly<Record<string, string>> = {}): Promise<void> {
    app = createAppHost({
      product,
      dataDir: appDataDir,
      appVersion: '1.0.0',
      mode: 'demo',
      host: 'browser',
      clock,
      identifierSource: staticIdentifierSource(identifiers),
      tickMs: 200,
      retryMs: 200,
      ...(options.instanceName ? { instanceName: options.instanceName } : {}),
    });
    host = await startBrowserHost({ door: createDoor(app.handlers, app.log), onEvent: app.onEvent, staticDir: join(ROOT, 'dist') });
    context = await openContext(browser, host.origin, { colorScheme: options.colorScheme ?? 'light', zoom: options.zoom ?? 1 });
    page = await context.newPage();
    const address = new URL(host.url);
    for (const [name, value] of Object.entries(params)) address.searchParams.set(name, value);
    await page.goto(address.href);
  }

  async function shut(): Promise<void> {
    await context?.close();
    await host?.close();
    app?.close();
    context = null;
    host = null;
    app = null;
  }

  options.prepare?.(appDataDir);
  await open(options.machine ?? machine('first'), options.startParams);

  return {
    get page() {
      return page as Page;
    },
    get authority() {
      return authority ?? first;
    },
    appDataDir,
    key(name) {
      const found = first.keys.find((k) => k.name === name);
      if (!found) throw new Error(`no demo key named ${name}`);
      return found.key;
    },
    setClockOffset(ms) {
      offset = ms;
    },
    openLink(link) {
      (app as AppHost | null)?.openLink(link);
    },
    async stopAuthority() {
      await authority?.close();
      authority = null;
    },
    async startAuthority(clockOffsetMs = 0) {
      authority = await startDemoAuthority({ dataDir: authorityDir, port, clock: offsetClock(systemClock, () => clockOffsetMs) });
    },
    async restartHost(restart = {}) {
      await shut();
      restart.whileStopped?.(appDataDir);
      await open(restart.machine ?? options.machine ?? machine('first'));
    },
    async close() {
      await shut();
      await authority?.close();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}
