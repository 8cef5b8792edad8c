/*
 * Benchmark (not a test): the desktop app's start-up, each number next to a baseline measured in
 * the same run, so a busy machine shifts both alike.
 *   1. Start-up evaluation: a fresh Node process reads an activated store, fingerprints the
 *      machine, verifies the certificate and evaluates — next to a bare `node -e ''`.
 *   2. The renderer's initial JS and CSS, gzipped — aim: JS under 150 kB.
 *   3. Navigation to the status view in Chromium (browser host, demo authority, activated store)
 *      next to a blank page on the same host — aim: first status paint within 150 ms of it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAppHost, type AppHost } from '../../node-core/app/app-host.ts';
import { startBrowserHost, type BrowserHost } from '../../node-core/browser-host/browser-host.ts';
import { startDemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { createDoor } from '../../shared/ipc/door.ts';
import type { ProductConfig } from '../../shared/product/config.ts';
import { launchChromium, openContext } from '../harness/browser/chromium.ts';
import { ensureFreshBuild, initialAssets, total } from './lib/bundle-size.ts';
import { BLANK_PAGE, staticDirWithBlankPage, timeNavigation, watchForMarker, type PaintTiming } from './lib/first-paint.ts';
import { bundleProbe, median, prepareActivatedStore, runProbe, timeNode, writeProductFile, type BundledProbe, type ProbeRun, type ProbeSource } from './lib/startup.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const STARTUP_RUNS = 7;
const PAINT_RUNS = 15;
const JS_AIM_BYTES = 150_000;
const PAINT_AIM_MS = 150;

const cleanups: (() => unknown)[] = [];
const ms = (value: number, digits = 0) => `${value.toFixed(digits)} ms`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const say = (line = '') => console.log(line);
const row = (cells: readonly [string, ...string[]], widths: readonly number[]) =>
  say(`  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[i]!))).join('  ')}`);

interface Variant {
  readonly label: string;
  readonly probe: BundledProbe;
  readonly source: ProbeSource;
}

async function benchStartup(temp: string, product: ProductConfig, key: string): Promise<Record<ProbeSource, string>> {
  const productFile = writeProductFile(temp, product);
  const dataDirs = { real: join(temp, 'app-real'), static: join(temp, 'app-static') };
  for (const source of ['real', 'static'] as const) await prepareActivatedStore(dataDirs[source], product, key, source);
  const shipped = await bundleProbe();
  cleanups.push(shipped.dispose);
  const inlined = await bundleProbe({ bundleDependencies: true });
  cleanups.push(inlined.dispose);
  const variants: Variant[] = [
    { label: 'core, systeminformation (default)', probe: shipped, source: 'real' },
    { label: 'core, injected static machine', probe: shipped, source: 'static' },
    { label: 'same, dependencies bundled in', probe: inlined, source: 'static' },
  ];

  const bare = () => timeNode(['-e', '']);
  const probeRun = (variant: Variant) => runProbe(variant.probe, dataDirs[variant.source], productFile, variant.source);
  // One untimed round warms the file cache; then all alternate, so drift hits each alike.
  await bare();
  for (const variant of variants) await probeRun(variant);
  const bareRuns: number[] = [];
  const probeRuns = variants.map(() => [] as ProbeRun[]);
  for (let i = 0; i < STARTUP_RUNS; i++) {
    bareRuns.push((await bare()).wallMs);
    for (const [index, variant] of variants.entries()) probeRuns[index]!.push(await probeRun(variant));
  }

  const baseline = median(bareRuns);
  const walls = probeRuns.map((runs) => median(runs.map((run) => run.wallMs)));
  const widths = [34, 8, 8, 8, 8, 9, 8, 7];
  say(`1. start-up evaluation: fresh node process until the evaluated status (median of ${STARTUP_RUNS}; probe bundled by vite like dist-electron/)`);
  row(['', 'wall', 'vs bare', 'load', 'core', 'cold', 'warm', 'state'], widths);
  row(["node -e ''", ms(baseline), '1.0×', '', '', '', '', ''], widths);
  for (const [index, variant] of variants.entries()) {
    const reports = probeRuns[index]!.map((run) => run.report);
    const wall = walls[index]!;
    row(
      [
        variant.label,
        ms(wall),
        `${(wall / baseline).toFixed(1)}×`,
        ms(median(reports.map((r) => r.loadedAt))),
        ms(median(reports.map((r) => r.coreMs)), 1),
        ms(median(reports.map((r) => r.coldMs)), 1),
        ms(median(reports.map((r) => r.warmMs)), 1),
        reports[0]!.state,
      ],
      widths,
    );
  }
  say('  load: process start → modules loaded; core: createLicenseCore (store, logger); cold / warm: getStatus(), 1st / later calls');
  say(`  fingerprint share (systeminformation − static): ${ms(walls[0]! - walls[1]!)} of wall; bundling dependencies saves ${ms(walls[1]! - walls[2]!)}`);
  return dataDirs;
}

function benchBundle(distDir: string): void {
  const assets = initialAssets(distDir);
  const js = total(assets.js, 'gzipBytes');
  const css = total(assets.css, 'gzipBytes');
  const widths = [34, 10, 10, 20];
  const files = (count: number) => `${count} file${count === 1 ? '' : 's'}`;
  say('2. renderer initial download from dist/index.html (gzip, zlib default level)');
  row(['', 'raw', 'gzip', 'vs aim'], widths);
  row([`JS (${files(assets.js.length)})`, kb(total(assets.js, 'rawBytes')), kb(js), `${((js / JS_AIM_BYTES) * 100).toFixed(0)} % of ${kb(JS_AIM_BYTES)}`], widths);
  row([`CSS (${files(assets.css.length)})`, kb(total(assets.css, 'rawBytes')), kb(css), ''], widths);
}

async function benchFirstPaint(distDir: string, product: ProductConfig, dataDir: string): Promise<void> {
  say(`3. navigation → first content in Chromium (browser host, demo authority, activated store; median of ${PAINT_RUNS}, alternating)`);
  const served = staticDirWithBlankPage(distDir);
  cleanups.push(served.dispose);
  const browser: Browser = await launchChromium();
  cleanups.push(() => browser.close());
  // Electron's order: the app host (and with it the first getStatus) before the window.
  const app: AppHost = createAppHost({ product, dataDir, appVersion: '1.0.0', mode: 'demo', host: 'browser' });
  cleanups.push(() => app.close());
  const host: BrowserHost = await startBrowserHost({ door: createDoor(app.handlers, app.log), onEvent: app.onEvent, staticDir: served.dir });
  cleanups.push(() => host.close());
  const context: BrowserContext = await openContext(browser, host.origin, { colorScheme: 'light', zoom: 1 });
  const page: Page = await context.newPage();
  await watchForMarker(page);

  const first = await timeNavigation(page, host.url);
  const blank: PaintTiming[] = [];
  const status: PaintTiming[] = [];
  for (let i = 0; i < PAINT_RUNS; i++) {
    blank.push(await timeNavigation(page, `${host.origin}/${BLANK_PAGE}`));
    status.push(await timeNavigation(page, host.url));
  }

  const widths = [34, 10, 12, 22];
  const dom = (timings: PaintTiming[]) => median(timings.map((t) => t.domMs));
  const fcp = (timings: PaintTiming[]) => median(timings.map((t) => t.fcpMs));
  const over = fcp(status) - fcp(blank);
  row(['', 'in DOM', 'first paint', 'vs blank'], widths);
  row(['blank page (same host)', ms(dom(blank)), ms(fcp(blank)), ''], widths);
  row([`status view (${status[0]?.state ?? '?'})`, ms(dom(status)), ms(fcp(status)), `+${ms(over)} (aim ≤ ${PAINT_AIM_MS})`], widths);
  row(['first load, host just started', ms(first.domMs), ms(first.fcpMs), 'cold host and cache'], widths);
}

const temp = mkdtempSync(join(tmpdir(), 'keyhole-bench-app-'));
cleanups.push(() => rmSync(temp, { recursive: true, force: true }));
try {
  const distDir = join(ROOT, 'dist');
  let buildNote: string;
  try {
    buildNote = await ensureFreshBuild(ROOT);
  } catch (error) {
    buildNote = `build FAILED (${error instanceof Error ? error.message.split('\n')[0] : String(error)}), using the dist/ there is`;
  }
  const authority = await startDemoAuthority({ dataDir: join(temp, 'authority') });
  cleanups.push(() => authority.close());
  const key = authority.keys.find((k) => k.name === 'online')!.key;
  say(`renderer build: ${buildNote}; demo authority ${authority.url}`);

  const dataDirs = await benchStartup(temp, authority.productConfig, key);
  say();
  const distReady = existsSync(join(distDir, 'index.html'));
  if (distReady) benchBundle(distDir);
  else say('2. renderer bundle: skipped, dist/index.html is missing (the build failed)');
  say();
  if (!distReady) say('3. first paint: skipped, dist/index.html is missing (the build failed)');
  else {
    await benchFirstPaint(distDir, authority.productConfig, dataDirs.real).catch((error: unknown) => {
      say(`  failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      process.exitCode = 1;
    });
  }
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch {
      // Cleaning up anyway; one failing close must not keep the others from running.
    }
  }
}
