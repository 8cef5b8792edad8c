import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '../harness/authority/test-authority.ts';
import { runCli } from '../harness/authority/spawn-authority.ts';

describe('keyhole CLI on a fresh data dir', () => {
  const root = makeTempDir('keyhole-cli-');
  const data = ['--data', join(root, 'authority')];
  after(() => rmSync(root, { recursive: true, force: true }));

  test('init → token create → plan create → order create → license show', () => {
    const init = runCli(['authority', 'init', ...data, '--json']);
    assert.equal(init.status, 0, init.stderr);
    const initialized = JSON.parse(init.stdout);
    assert.match(initialized.admin_token, /^kha_/);
    assert.equal(initialized.public_keys[0].id, 0);

    const again = runCli(['authority', 'init', ...data]);
    assert.equal(again.status, 3);
    assert.match(again.stderr, /already holds an authority database/);

    const token = runCli(['token', 'create', ...data]);
    assert.equal(token.status, 0, token.stderr);
    assert.match(token.stdout.trim(), /^kha_[\w-]{40,}$/);

    const plan = runCli(['plan', 'create', ...data, '--name', 'Team', '--limit', '5', '--expiry', '12months', '--plugins', 'reports,sync', '--json']);
    assert.equal(plan.status, 0, plan.stderr);
    const planId = JSON.parse(plan.stdout).plan.id;
    assert.match(runCli(['plan', 'list', ...data]).stdout, /#1 Team: online, 5 activations, expires 12 months after the order/);

    const order = runCli(['order', 'create', ...data, '--plan', String(planId), '--json']);
    assert.equal(order.status, 0, order.stderr);
    const license = JSON.parse(order.stdout).license;
    assert.match(license.key, /^KH-(\w{5}-){4}\w{5}$/);

    const shown = runCli(['license', 'show', license.key, ...data, '--json']);
    assert.deepEqual(JSON.parse(shown.stdout).license.activations_text, '0/5 activations');
    const human = runCli(['license', 'show', String(license.id), ...data]);
    assert.equal(human.status, 0);
    assert.match(human.stdout, new RegExp(`Key: +${license.key}`));
    assert.match(human.stdout, /Status: +Active/);
    assert.match(human.stdout, /Activations: +0\/5 activations/);

    const limit = runCli(['license', 'limit', String(license.id), 'unlimited', ...data]);
    assert.match(limit.stdout, /0\/Unlimited/);
    const expiry = runCli(['license', 'expiry', String(license.id), 'never', ...data]);
    assert.match(expiry.stdout, /Never expires/);

    const unconfirmed = runCli(['license', 'deactivate', String(license.id), ...data]);
    assert.equal(unconfirmed.status, 2);
    assert.match(unconfirmed.stderr, /--yes/);
    const deactivated = runCli(['license', 'deactivate', String(license.id), '--yes', ...data]);
    assert.match(deactivated.stdout, /Status: +Deactivated/);
    const regenerate = runCli(['license', 'regenerate', String(license.id), '--yes', ...data, '--json']);
    assert.equal(regenerate.status, 1, 'a business error');
    assert.equal(JSON.parse(regenerate.stdout).error.code, 'LICENSE_DEACTIVATED');
    assert.match(regenerate.stderr, /^keyhole: License deactivated: .*\[LICENSE_DEACTIVATED\]\n$/);
  });

  test('plan create --mode trial --days N makes the trial plan; a trial without days, or --days on another mode, is refused', () => {
    const trial = runCli(['plan', 'create', ...data, '--name', 'Studio Trial', '--mode', 'trial', '--days', '14', '--plugins', 'reports,scripting', '--json']);
    assert.equal(trial.status, 0, trial.stderr);
    const plan = JSON.parse(trial.stdout).plan;
    assert.deepEqual([plan.mode, plan.expiry], ['trial', { value: 14, unit: 'days' }]);
    assert.match(runCli(['plan', 'list', ...data]).stdout, /Studio Trial: trial, .*expires 14 days after the order/);
    const endless = runCli(['plan', 'create', ...data, '--name', 'Forever Trial', '--mode', 'trial']);
    assert.equal(endless.status, 2, endless.stderr);
    assert.match(endless.stderr, /a trial plan lasts a number of days, 1 to 365/);
    const misplaced = runCli(['plan', 'create', ...data, '--name', 'Pro', '--days', '14']);
    assert.equal(misplaced.status, 2, misplaced.stderr);
    assert.match(misplaced.stderr, /--days is the length of a trial plan: use it with --mode trial/);
  });

  test('usage errors exit 2 with one clear line and where to find help', () => {
    for (const args of [
      ['plan', 'create', '--nmae', 'x'],
      ['order', 'create'],
      ['license', 'show'],
      ['plan', 'create', '--name', 'X', '--limit', '0'],
      ['frobnicate'],
      ['authority', 'start', '--trust-proxy', 'localhost'],
      ['authority', 'start', '--trust-proxy', '127.0.0.1', '--proxy-header', 'x-real-ip'],
    ]) {
      const result = runCli([...args, ...data]);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^keyhole: .+\nRun "keyhole .*--help" for usage\.\n$/);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  test('a missing data dir exits 3; an unknown license exits 1', () => {
    const missing = runCli(['plan', 'list', '--data', join(root, 'nowhere')]);
    assert.equal(missing.status, 3);
    assert.match(missing.stderr, /keyhole authority init/);
    const unknown = runCli(['license', 'show', '123', ...data]);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no license with id 123/);
  });

  test('--help works for the CLI, a group and every kind of command', () => {
    assert.match(runCli(['--help']).stdout, /license show <license-id\|key>/);
    assert.match(runCli(['license', '--help']).stdout, /license revoke/);
    const start = runCli(['authority', 'start', '--help']);
    assert.equal(start.status, 0);
    assert.match(start.stdout, /--port N/);
    assert.equal(runCli([]).status, 2);
  });
});
