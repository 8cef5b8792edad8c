import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { startDemoAuthority, type DemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { closedPort } from '../../tests/harness/core/loopback.ts';
import { OFFICE_PC, OTHER_PC } from '../../tests/harness/core/machines.ts';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { staticIdentifierSource, type RawIdentifiers } from '../fingerprint/identifier-source.ts';
import { createLicense, EXIT, KeyholeError, runLicenseCommand, type License } from './index.ts';

/*
 * The terminal flow's `trial` command and the library's startTrial() beneath it, against the demo
 * authority (its 14-day "Studio Trial" of Reports and Scripting, the product config's trialPlan).
 */

let authority: DemoAuthority;
before(async () => {
  authority = await startDemoAuthority();
});
after(async () => {
  await authority?.close();
});

function open(t: TestContext, machine: RawIdentifiers, authorityUrl?: string): License {
  const license = createLicense({
    product: authority.productConfig,
    dataDir: tempDir(t),
    appVersion: '1.0.0',
    identifierSource: staticIdentifierSource(machine),
    env: {},
    timeoutMs: 2000,
    ...(authorityUrl ? { authorityUrl } : {}),
  });
  t.after(() => license.close());
  return license;
}

/** Runs one command; what it printed on each stream and its exit code. */
async function run(license: License, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const exit = await runLicenseCommand(license, argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { exit, out: out.join('\n'), err: err.join('\n') };
}

describe('license trial', () => {
  test('--json: this machine\'s 14-day trial of the plan\'s plugins, with its countdown; the features are on', async (t) => {
    const license = open(t, OFFICE_PC);
    await license.ready;
    const { exit, out, err } = await run(license, 'trial', '--json');
    assert.equal(exit, EXIT.ok, err);
    const { license: view, trial } = JSON.parse(out) as { license: { status: { state: string; plugins: string[]; certificate: { mode: string } } }; trial: { daysLeft: number; endsAt: number } };
    assert.equal(view.status.state, 'active');
    assert.equal(view.status.certificate.mode, 'trial');
    assert.deepEqual([...view.status.plugins].sort(), ['reports', 'scripting']);
    assert.equal(trial.daysLeft, 14);
    assert.ok(Math.abs(trial.endsAt - (Date.now() + 14 * 86_400_000)) < 2 * 3_600_000, 'ends in 14 days (the authority rounds up to the hour)');
    assert.equal(license.has('scripting'), true);
    assert.equal(license.has('sync'), false);
  });

  test('in words: the state, the plugins, and the countdown with its end date; a second trial on the same hardware is refused in the catalog\'s words', async (t) => {
    const first = open(t, OTHER_PC);
    await first.ready;
    const started = await run(first, 'trial');
    assert.equal(started.exit, EXIT.ok, started.err);
    const ends = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(first.state!.status.certificate!.expiresAt!));
    assert.match(started.out, /: active\n/);
    assert.match(started.out, /^Plugins: Reports, Scripting$/m);
    assert.ok(started.out.includes(`Trial: 14 days left, until ${ends}.`), started.out);

    // A reinstall: a fresh store on the same machine.
    const again = open(t, OTHER_PC);
    await again.ready;
    const refused = await run(again, 'trial');
    assert.equal(refused.exit, EXIT.license);
    assert.equal(refused.out, '');
    assert.ok(refused.err.startsWith(`${CATALOG.TRIAL_ALREADY_USED.title}`), refused.err);
    assert.ok(refused.err.includes('[TRIAL_ALREADY_USED]'));
    assert.ok(refused.err.includes(CATALOG.TRIAL_ALREADY_USED.fixes[0]!));
    assert.equal(again.has('reports'), false, 'nothing was stored');
    const asJson = await run(again, 'trial', '--json');
    assert.equal(asJson.exit, EXIT.license);
    assert.equal((JSON.parse(asJson.out) as { error: { code: string } }).error.code, 'TRIAL_ALREADY_USED');
  });

  test('without the authority: TRIAL_NEEDS_INTERNET, and startTrial() rejects with the same code', async (t) => {
    const license = open(t, { ...OFFICE_PC, machineId: 'no-network-machine' }, `http://127.0.0.1:${await closedPort()}`);
    await license.ready;
    const { exit, err } = await run(license, 'trial');
    assert.equal(exit, EXIT.license);
    assert.ok(err.startsWith(CATALOG.TRIAL_NEEDS_INTERNET.title), err);
    await assert.rejects(license.startTrial(), (error: unknown) => error instanceof KeyholeError && error.code === 'TRIAL_NEEDS_INTERNET');
  });

  test('trial takes no argument, and --help lists it', async (t) => {
    const license = open(t, OFFICE_PC);
    const wrong = await run(license, 'trial', 'KH-XXXXX');
    assert.equal(wrong.exit, EXIT.usage);
    assert.match(wrong.err, /Wrong arguments for "trial"/);
    assert.match((await run(license, '--help')).out, /^ {2}trial {2,}start this machine's free trial/m);
  });
});
