import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createBrowserLicense, type BrowserLicense, type CreateBrowserLicenseOptions } from 'keyhole/node';

/*
 * Studio on this machine: its page (built with vite from page/, when a source is newer than the
 * build) served under /studio/ beside Keyhole's activation screens, over Studio's license.
 */

const here = import.meta.dirname;
// The page bundles keyhole/react, so the renderer's and shared/'s sources are its sources too.
const PAGE_SOURCES = [join(here, 'page'), join(here, 'vite.config.ts'), join(here, '..', '..', 'renderer'), join(here, '..', '..', 'shared')];
const PAGE_BUILD = join(here, 'dist');
export const STUDIO_PATH = '/studio/';

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** Builds page/ into dist/ unless the build is newer than every source. */
export async function buildStudioPage(): Promise<void> {
  const built = join(PAGE_BUILD, 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...PAGE_SOURCES.map(newest))) return;
  const { build } = await import('vite');
  await build({ configFile: join(here, 'vite.config.ts'), logLevel: 'warn' });
}

export interface Studio {
  readonly license: BrowserLicense;
  /** Open this first (it carries the launch secret once). */
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the page if needed and serves Studio; resolves once it listens. */
export async function startStudio(options: Omit<CreateBrowserLicenseOptions, 'pages'>): Promise<Studio> {
  await buildStudioPage();
  const license = await createBrowserLicense({ ...options, pages: [{ prefix: STUDIO_PATH, dir: PAGE_BUILD }] });
  return { license, url: license.urlOf(STUDIO_PATH), close: () => license.close() };
}
