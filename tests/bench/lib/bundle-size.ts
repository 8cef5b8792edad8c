import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp, buildIsStale } from '../../../scripts/start/build-if-needed.ts';

/*
 * The renderer's initial download, read from the built dist/: what index.html loads before the
 * first paint (the entry script, its modulepreloads, its stylesheets), raw and gzipped at zlib's
 * default level, as a static server with compression on would send it.
 */

export interface AssetSize {
  readonly file: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

export interface InitialAssets {
  readonly js: readonly AssetSize[];
  readonly css: readonly AssetSize[];
}

/** Builds dist/ (like `npm start` does) when a source is newer; says whether it did. */
export async function ensureFreshBuild(root: string): Promise<'built' | 'up to date'> {
  if (!buildIsStale(root)) return 'up to date';
  await buildApp(root);
  return 'built';
}

function attributeValues(html: string, tag: RegExp, attribute: string): string[] {
  const values: string[] = [];
  for (const match of html.matchAll(tag)) {
    const value = new RegExp(`\\s${attribute}="([^"]+)"`).exec(match[0])?.[1];
    if (value) values.push(value);
  }
  return values;
}

function sizeOf(distDir: string, reference: string): AssetSize {
  const file = reference.replace(/^\.?\//, '');
  const bytes = readFileSync(join(distDir, file));
  return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes).length };
}

/** The JS and CSS dist/index.html loads up front (lazy chunks are not counted). */
export function initialAssets(distDir: string): InitialAssets {
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`${indexFile} is missing: run \`npx vite build\``);
  const html = readFileSync(indexFile, 'utf8');
  const scripts = attributeValues(html, /<script\b[^>]*type="module"[^>]*>/g, 'src');
  const preloads = attributeValues(html, /<link\b[^>]*rel="modulepreload"[^>]*>/g, 'href');
  const styles = attributeValues(html, /<link\b[^>]*rel="stylesheet"[^>]*>/g, 'href');
  return {
    js: [...scripts, ...preloads].map((reference) => sizeOf(distDir, reference)),
    css: styles.map((reference) => sizeOf(distDir, reference)),
  };
}

export function total(assets: readonly AssetSize[], field: 'rawBytes' | 'gzipBytes'): number {
  return assets.reduce((sum, asset) => sum + asset[field], 0);
}
