import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseProductConfig } from '../../shared/product/config.ts';

/*
 * The installed app claims the product's activate-link scheme. electron-builder's JSON config cannot
 * import build/product.json, so this test holds the two together: the `protocols` entry names the
 * product config's `urlScheme`, and the Linux desktop entry electron-builder writes from it (its own
 * LinuxTargetHelper, as `npm run dist` runs it) registers the scheme and hands the link to the app.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const builder = JSON.parse(readFileSync(join(ROOT, 'build', 'electron-builder.json'), 'utf8')) as {
  productName: string;
  protocols?: { name: string; schemes: string[] }[];
  linux: Record<string, unknown>;
  mac?: { category?: string };
};
const product = parseProductConfig(JSON.parse(readFileSync(join(ROOT, 'build', 'product.json'), 'utf8')));
const scheme = product.urlScheme ?? assert.fail('build/product.json names no urlScheme');

test('the packaged app claims the product config\'s URL scheme (macOS CFBundleURLTypes, Linux and Windows alike)', () => {
  assert.deepEqual(builder.protocols?.flatMap((protocol) => protocol.schemes), [scheme], 'protocols in build/electron-builder.json and urlScheme in build/product.json differ');
  assert.ok(builder.protocols?.every((protocol) => protocol.name.trim().length > 0), 'each protocol has a name (macOS shows it)');
});

test('the Linux desktop entry registers x-scheme-handler/<scheme> and passes the link on (%U)', async () => {
  const require = createRequire(import.meta.url);
  const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper.js') as {
    LinuxTargetHelper: new (packager: unknown) => { computeDesktopEntry(options: unknown): Promise<string> };
  };
  // The part of electron-builder's packager the desktop entry reads, filled from the real config.
  const packager = {
    config: builder,
    platformSpecificBuildOptions: builder.linux,
    appInfo: { productName: builder.productName, sanitizedProductName: builder.productName.replace(/[^\w.-]+/g, '-'), productFilename: builder.productName, description: product.productName },
    executableName: 'keyhole-demo-studio',
    fileAssociations: [],
    info: { metadata: { desktopName: 'keyhole-demo-studio.desktop' } },
  };
  const entry = await new LinuxTargetHelper(packager).computeDesktopEntry(builder.linux);
  const lines = entry.split('\n');
  assert.ok(lines.includes(`MimeType=x-scheme-handler/${scheme};`), entry);
  assert.match(lines.find((line) => line.startsWith('Exec=')) ?? '', / %U$/, 'the link reaches the app as an argument');
});
