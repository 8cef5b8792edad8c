import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { startDemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { ensureBuilt } from '../harness/browser/app-under-test.ts';
import { tempDir } from '../harness/core/temp-dir.ts';

/*
 * `keyhole/node` as a vendor's plain Node sees it: a product folder whose node_modules holds the
 * keyhole package, an .mjs file importing 'keyhole/node', and `node` with no TypeScript loader.
 * Two processes, so the second one shows the first one's activation reached the disk.
 */

const ROOT = join(import.meta.dirname, '..', '..');

const PRODUCT_SCRIPT = `import { readFileSync } from 'node:fs';
import { createLicense, parseProductConfig, runLicenseCommand } from 'keyhole/node';

const [productFile, dataDir, ...command] = process.argv.slice(2);
const product = parseProductConfig(JSON.parse(readFileSync(productFile, 'utf8')));
const license = createLicense({ product, dataDir, appVersion: '1.0.0' });
const code = await runLicenseCommand(license, command, { out: (text) => console.log(text), err: (text) => console.error(text) });
await license.close();
process.exit(code);
`;

function plainNode(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Only PATH: no NODE_OPTIONS, no tsx, nothing from the test runner.
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function vendorProduct(t: TestContext) {
  await ensureBuilt();
  const authority = await startDemoAuthority();
  t.after(() => authority.close());
  const dir = tempDir(t, 'keyhole-plain-node-');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'keyhole'), 'dir');
  writeFileSync(join(dir, 'product.mjs'), PRODUCT_SCRIPT);
  writeFileSync(join(dir, 'product.json'), JSON.stringify(authority.productConfig));
  const key = authority.keys.find((entry) => entry.name === 'few-plugins')?.key ?? assert.fail('no few-plugins key');
  return { key, license: (...command: string[]) => plainNode(dir, ['product.mjs', 'product.json', join(dir, 'license'), ...command]) };
}

test("plain node imports keyhole/node's built entry, activates, and a second process sees the activation", async (t) => {
  const { key, license } = await vendorProduct(t);
  const before = await license('status', '--json');
  assert.equal(before.code, 1, before.stderr);
  assert.equal(JSON.parse(before.stdout).status.state, 'not_activated');

  const activated = await license('activate', key);
  assert.equal(activated.code, 0, activated.stderr);
  assert.match(activated.stdout, /^Plugins: Reports$/m);

  const after = await license('status', '--json');
  assert.equal(after.code, 0, after.stderr);
  assert.deepEqual([JSON.parse(after.stdout).status.state, JSON.parse(after.stdout).status.plugins], ['active', ['reports']]);
});
