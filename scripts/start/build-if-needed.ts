import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/* Re-builds with vite only when a source is newer than the last build, so `npm start` stays quick. */

const SOURCES = ['renderer', 'shared', 'node-core', 'electron', 'server/console', 'build/product.json', 'vite.config.ts', 'vite.console.config.ts'];
const OUTPUTS = ['dist/index.html', 'dist-electron/main.js', 'dist-electron/preload.cjs', 'dist-library/node.js', 'dist-console/index.html'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, name === 'node_modules' ? 0 : newest(join(path, name))), stat.mtimeMs);
}

export function buildIsStale(root: string): boolean {
  const built = Math.min(...OUTPUTS.map((file) => (existsSync(join(root, file)) ? statSync(join(root, file)).mtimeMs : 0)));
  return built === 0 || SOURCES.some((source) => newest(join(root, source)) > built);
}

/** Runs the same build as `npm run build` (renderer, Electron bundles, keyhole/node, the authority's console), quietly. */
export async function buildApp(root: string): Promise<void> {
  const { createBuilder } = await import('vite');
  const builder = await createBuilder({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  await builder.buildApp();
}
