import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLicenseCore } from '../../node-core/create-license-core.ts';
import { staticIdentifierSource } from '../../node-core/fingerprint/identifier-source.ts';
import { bundleText } from '../../node-core/support/bundle-file.ts';
import { OFFICE_PC } from '../harness/core/machines.ts';
import { startDemoAuthority, type DemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { makeTempDir } from '../harness/authority/test-authority.ts';
import { sealBundle, type SupportBundle } from '../../shared/support/bundle.ts';

/*
 * `keyhole support reproduce bundle.json`, exactly as the README writes it (no --product, no
 * --data), on a bundle the demo app saved after a real activation against the demo authority: the
 * repo's build/product.json ships no keys, so the reproduction uses the keys the bundle carries,
 * says so, and reaches what the customer saw. Whatever differs exits 1; nothing to verify with
 * exits 2 naming the options; a bad file is one sentence, never a stack trace.
 */

const KEYHOLE_BIN = fileURLToPath(new URL('../../bin/keyhole.js', import.meta.url));

function keyhole(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [KEYHOLE_BIN, 'support', 'reproduce', ...args], { cwd, encoding: 'utf8', env: { ...process.env, KEYHOLE_DEBUG: '' } });
}

describe('keyhole support reproduce, the README form, on a demo bundle', () => {
  const root = makeTempDir('keyhole-reproduce-readme-');
  let demo: DemoAuthority;
  let bundle: SupportBundle;
  const file = join(root, 'bundle.json');

  before(async () => {
    demo = await startDemoAuthority({ dataDir: join(root, 'authority'), rateLimits: false });
    const core = createLicenseCore({
      dataDir: join(root, 'app'),
      product: demo.productConfig,
      appVersion: '1.2.0',
      identifierSource: staticIdentifierSource(OFFICE_PC),
      authorityUrl: demo.url,
      timeoutMs: 5_000,
      env: {},
    });
    const online = demo.keys.find((key) => key.name === 'online');
    assert.ok(online);
    assert.equal((await core.service.activateOnline(online.key)).status.state, 'active');
    bundle = await core.support.buildBundle();
    writeFileSync(file, bundleText(bundle));
  });
  after(async () => {
    await demo.close();
    rmSync(root, { recursive: true, force: true });
  });

  test("gives the customer's code, says the keys are the bundle's own, exits 0", () => {
    const run = keyhole(root, file);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Keys: +the keys the bundle carries \(key ids \d+\), not the vendor's\n/);
    assert.match(run.stdout, /\nKey warning: +verified with the keys the bundle carries; pass --product\/--data to check against the vendor's keys\n/);
    assert.match(run.stdout, /\nCustomer saw: +ACTIVE \(active\)\nReproduced: +Active \(ACTIVE, state active\)\n/);
    assert.doesNotMatch(run.stdout, /DIFFERS/);
    assert.match(run.stdout, /\nResult: +reproduced what the customer saw$/m);
  });

  test("with the vendor's keys (--data) there is no warning; a reproduction that differs exits 1", () => {
    const vendor = keyhole(root, file, '--data', demo.dataDir);
    assert.equal(vendor.status, 0, vendor.stdout + vendor.stderr);
    assert.match(vendor.stdout, /^Keys: +the signing keys of the authority data dir /);
    assert.doesNotMatch(vendor.stdout, /Key warning/);

    // The product config the app shipped with, without its keys: the certificate cannot verify.
    const keyless = join(root, 'keyless-product.json');
    writeFileSync(keyless, JSON.stringify({ ...demo.productConfig, publicKeys: [] }));
    const differs = keyhole(root, file, '--product', keyless);
    assert.equal(differs.status, 1, differs.stdout + differs.stderr);
    assert.match(differs.stdout, /Reproduced: +.*\(LICENSE_INVALID, state invalid\) +<- DIFFERS from what the customer saw/);
    assert.match(differs.stdout, /\nResult: +DIFFERS from what the customer saw: reproduced LICENSE_INVALID \(invalid\), the customer saw ACTIVE \(active\)/);
    const json = keyhole(root, file, '--product', keyless, '--json');
    assert.equal(json.status, 1);
    assert.equal(JSON.parse(json.stdout).sameAsCustomer, false);
  });

  test('a bundle that carries no keys, with no keys in build/product.json, exits 2 naming --product and --data', async () => {
    const { seal: _seal, trustedKeys: _keys, seen, ...rest } = bundle;
    const { server: _server, ...seenV1 } = seen;
    const v1 = join(root, 'format-1.json');
    writeFileSync(v1, JSON.stringify(await sealBundle({ ...rest, bundleFormatVersion: 1, seen: seenV1 })));
    const run = keyhole(root, v1);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /^keyhole: no vendor keys to verify the certificate with: .*build\/product\.json holds no publicKeys and the bundle carries none .*pass --product FILE .* or --data DIR /);
    assert.equal(run.stdout, '');
  });

  test('a bad file is one clear sentence, never a stack trace', async () => {
    const { seal: _seal, ...unsealed } = bundle;
    const cases: [string, string, RegExp][] = [
      ['not-json.json', '\u00ff\u00fe garbage', /not a Keyhole support bundle: the file is not JSON/],
      ['late-clock.json', JSON.stringify(await sealBundle({ ...unsealed, clock: { now: 1e300, highestTimeSeen: 1e300 } })), /not a Keyhole support bundle: clock\.now: /],
      ['late-event.json', JSON.stringify(await sealBundle({ ...unsealed, events: [{ at: 1e300, action: 'validate', outcome: 'ok' }] })), /not a Keyhole support bundle: events\.0\.at: /],
    ];
    mkdirSync(join(root, 'a-folder.json'));
    for (const [name, content] of cases) writeFileSync(join(root, name), content);
    for (const [name, message] of [...cases.map(([n, , m]) => [n, m] as const), ['a-folder.json', /cannot read the bundle a-folder\.json: EISDIR/] as const]) {
      const run = keyhole(root, name);
      assert.notEqual(run.status, 0, name);
      assert.match(run.stderr, message, name);
      assert.doesNotMatch(run.stderr, /unexpected error|\n\s+at /, `${name}: no stack trace, no "unexpected error"`);
      assert.equal(run.stdout, '', name);
    }
  });
});
