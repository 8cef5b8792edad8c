import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { BUNDLE_FORMAT_VERSION } from '../../shared/support/bundle.ts';
import { createTestSigner } from '../../node-core/replay/scenario-signer.ts';
import { statesFor, type SavedBundle } from '../harness/bundles/bundle-states.ts';
import { runReproduce } from '../harness/bundles/run-reproduce.ts';

/*
 * A bundle saved by a real core reproduces, with the support CLI, to exactly the code the app
 * showed: in-process through the command's run() and as the `keyhole` process support runs.
 */

const KEYHOLE_BIN = fileURLToPath(new URL('../../bin/keyhole.js', import.meta.url));
describe('keyhole support reproduce', () => {
  const root = mkdtempSync(join(tmpdir(), 'keyhole-support-'));
  const signer = createTestSigner();
  const productFile = join(root, 'product.json');
  const bundles: SavedBundle[] = [];
  const expected: Record<string, [string, string | null]> = {
    active: ['active', null],
    'not-activated': ['not_activated', 'NOT_ACTIVATED'],
    mismatch: ['mismatch', 'LICENSE_MISMATCH'],
    expired: ['expired', 'LICENSE_EXPIRED'],
    'clock-rollback': ['clock_rollback', 'CLOCK_ROLLBACK'],
    unreadable: ['unreadable', 'STORE_UNREADABLE'],
    grace: ['grace', 'GRACE_PERIOD'],
    version: ['version_not_covered', 'VERSION_NOT_COVERED'],
  };

  before(async () => {
    writeFileSync(productFile, JSON.stringify(signer.product));
    const states = statesFor(root, signer);
    for (const make of [states.active, states.notActivated, states.mismatch, states.expired, states.clockRollback, states.unreadableStore, states.grace, states.versionNotCovered]) {
      bundles.push(await make());
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('each state the app saw: the bundle records it, and reproducing gives the same code', async () => {
    for (const { name, file, bundle } of bundles) {
      assert.deepEqual([bundle.seen.state, bundle.seen.code], expected[name], `${name}: what the app saw`);
      const { value } = await runReproduce(file, { json: true }, productFile);
      const report = value as { reproduced: { state: string; code: string | null }; sameAsCustomer: boolean; keys: { problem: string | null } };
      assert.deepEqual([report.reproduced.state, report.reproduced.code], expected[name], `${name}: reproduced`);
      assert.equal(report.sameAsCustomer, true, name);
      assert.equal(report.keys.problem, null, name);
      assert.equal((await runReproduce(file, {}, productFile)).exitCode, 0, name);
    }
  });

  test('a mismatch names the differing components and says it is another machine', async () => {
    const mismatch = bundles.find((b) => b.name === 'mismatch') as SavedBundle;
    const { human } = await runReproduce(mismatch.file, {}, productFile);
    assert.match(human, /Reproduced: +License key mismatch \(LICENSE_MISMATCH, state mismatch\)\n/);
    assert.match(human, /components differ: machine id, system UUID, baseboard serial, disk serial, network adapter \(MAC\) — this looks like a different machine, not a changed network adapter/);
    assert.match(human, /What to check \(LICENSE_MISMATCH\):\n {2}\[ \] Which components differ/);
  });

  test('a clock rollback states the gap; grace states the last answer and the days left', async () => {
    const rollback = await runReproduce((bundles.find((b) => b.name === 'clock-rollback') as SavedBundle).file, {}, productFile);
    assert.match(rollback.human, /Why: +clock: now is 2026-02-26T09:30:00Z, 3 days before 2026-03-01T09:30:00Z/);
    const grace = await runReproduce((bundles.find((b) => b.name === 'grace') as SavedBundle).file, { json: true }, productFile);
    const report = grace.value as { reproduced: { daysLeft: number; failedCheck: string } };
    assert.ok(report.reproduced.daysLeft > 0);
    assert.match(report.reproduced.failedCheck, /the last server answer was unreachable/);
  });

  test('an edited bundle, a newer format and a non-bundle are refused and named', async () => {
    const active = bundles.find((b) => b.name === 'active') as SavedBundle;
    const edited = join(root, 'edited.json');
    writeFileSync(edited, JSON.stringify({ ...active.bundle, clock: { ...active.bundle.clock, now: active.bundle.clock.now + 86_400_000 } }));
    const refused = async (file: string) => {
      try {
        await runReproduce(file, {}, productFile);
      } catch (error) {
        assert.ok(error instanceof KeyholeError);
        return error.hint ?? '';
      }
      return assert.fail(`${file} was not refused`);
    };
    assert.match(await refused(edited), /was edited after the app saved it/);
    const newer = join(root, 'newer.json');
    writeFileSync(newer, JSON.stringify({ ...active.bundle, bundleFormatVersion: 7 }));
    assert.match(await refused(newer), new RegExp(`format version 7; this tool reads up to ${BUNDLE_FORMAT_VERSION}:`));
    const other = join(root, 'other.json');
    writeFileSync(other, '{"hello": "world"}');
    assert.match(await refused(other), /^not a Keyhole support bundle/);
  });

  test('a certificate signed by a key the product config does not hold is said so, and the run fails', async () => {
    const active = bundles.find((b) => b.name === 'active') as SavedBundle;
    const otherVendor = join(root, 'other-vendor.json');
    writeFileSync(otherVendor, JSON.stringify(createTestSigner(2, signer.product).product));
    const { value, exitCode } = await runReproduce(active.file, { json: true }, otherVendor);
    const report = value as { keys: { problem: string; fromBundle: boolean }; reproduced: { code: string }; sameAsCustomer: boolean };
    assert.match(report.keys.problem, /^the certificate was signed with key id 1, which is not in the product config's publicKeys \(.*other-vendor\.json\); known key ids: 2; the customer's app trusted key ids 1$/);
    assert.equal(report.keys.fromBundle, false);
    assert.equal(report.reproduced.code, 'LICENSE_INVALID');
    assert.equal(report.sameAsCustomer, false);
    assert.equal(exitCode, 1);
    assert.equal((await runReproduce(active.file, {}, otherVendor)).human.split('\n').at(-1), "Result:        DIFFERS from what the customer saw: reproduced LICENSE_INVALID (invalid), the customer saw ACTIVE (active); this is not the customer's screen (exit 1)");
  });

  // Runs the installed CLI; passes once server/cli/main.ts registers supportCommands.
  test('the keyhole process: same codes with --json; an edited bundle exits 1 and says so', () => {
    for (const { name, file } of bundles) {
      const run = spawnSync(process.execPath, [KEYHOLE_BIN, 'support', 'reproduce', file, '--json', '--product', productFile], { encoding: 'utf8' });
      assert.equal(run.status, 0, `${name}: ${run.stderr}`);
      const report = JSON.parse(run.stdout);
      assert.deepEqual([report.reproduced.state, report.reproduced.code], expected[name], name);
    }
    const edited = join(root, 'edited-cli.json');
    const active = JSON.parse(readFileSync((bundles[0] as SavedBundle).file, 'utf8'));
    writeFileSync(edited, JSON.stringify({ ...active, instanceId: 'AAAA-BBBB-CCCC-DDDD' }));
    const run = spawnSync(process.execPath, [KEYHOLE_BIN, 'support', 'reproduce', edited, '--product', productFile], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /this bundle was edited after the app saved it/);
  });
});
