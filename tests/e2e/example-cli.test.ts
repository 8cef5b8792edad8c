import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startDemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { activationCodeIn, postForm } from '../harness/http/manual-page-forms.ts';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { tempDir } from '../harness/core/temp-dir.ts';

/* Studio's `license` command on a headless machine: a real child process against the demo authority. */

const CLI = fileURLToPath(new URL('../../examples/studio/cli.ts', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function studio(t: TestContext) {
  const authority = await startDemoAuthority();
  t.after(() => authority.close());
  const dir = tempDir(t);
  const product = join(dir, 'product.json');
  writeFileSync(product, JSON.stringify(authority.productConfig));
  const places = ['--product', product, '--data', join(dir, 'license')];
  const key = (name: string) => authority.keys.find((k) => k.name === name)?.key ?? assert.fail(name);
  return { authority, key, license: (...args: string[]) => run(['license', ...args, ...places]) };
}

describe('examples/studio cli.ts license …', () => {
  test('status before activation explains NOT_ACTIVATED in the catalog words and exits 1', async (t) => {
    const { license } = await studio(t);
    const status = await license('status');
    assert.equal(status.code, 1, status.stderr);
    assert.match(status.stdout, /: not_activated\n/);
    assert.ok(status.stdout.includes(`${CATALOG.NOT_ACTIVATED.title} [NOT_ACTIVATED]`));
    assert.ok(status.stdout.includes(`  1. ${CATALOG.NOT_ACTIVATED.fixes[0]}`));
  });

  test('activate the few-plugins key: only Reports, exit 0, and status --json agrees', async (t) => {
    const { license, key } = await studio(t);
    const activated = await license('activate', key('few-plugins'));
    assert.equal(activated.code, 0, activated.stderr);
    assert.match(activated.stdout, /^Plugins: Reports$/m);
    const status = await license('status', '--json');
    assert.equal(status.code, 0);
    const view = JSON.parse(status.stdout);
    assert.deepEqual([view.status.state, view.status.plugins], ['active', ['reports']]);
  });

  test('a refused key prints the catalog explanation on stderr and exits 1; --json gives the code', async (t) => {
    const { license, key } = await studio(t);
    const refused = await license('activate', key('expired'));
    assert.equal(refused.code, 1);
    assert.ok(refused.stderr.startsWith(`${CATALOG.LICENSE_EXPIRED.title}`), refused.stderr);
    assert.ok(refused.stderr.includes(CATALOG.LICENSE_EXPIRED.explanation));
    const typo = await license('activate', 'KH-12345', '--json');
    assert.equal(typo.code, 1);
    assert.equal(JSON.parse(typo.stdout).error.code, 'LICENSE_FORMAT_INVALID');
  });

  test('offline: request-code, the manual page, import-code, deactivate-offline', async (t) => {
    const { license, key, authority } = await studio(t);
    const request = await license('request-code', key('offline-only'), '--json');
    assert.equal(request.code, 0, request.stderr);
    const page = await postForm(authority.url, '/activate', { request_code: JSON.parse(request.stdout).requestCode });
    const imported = await license('import-code', activationCodeIn(page.html) ?? assert.fail('no activation code'));
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /: active\n/);
    const removed = await license('deactivate-offline');
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /^KD-/);
    assert.equal((await license('status')).code, 1);
  });

  test('usage errors exit 2; an unreadable product config exits 3 naming the file', async (t) => {
    const { license } = await studio(t);
    assert.equal((await license('activate')).code, 2);
    const unknown = await license('frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "frobnicate"/);
    const missing = await run(['license', 'status', '--product', join(tempDir(t), 'nope.json'), '--data', tempDir(t)]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /^studio: cannot use the product config .*nope\.json/);
  });
});
