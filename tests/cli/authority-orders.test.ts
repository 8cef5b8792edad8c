import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { redactLicenseKey } from '../../shared/format/license-key.ts';
import { initDataDir } from '../../server/authority-data.ts';
import { systemClock } from '../../server/clock.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { makeTempDir } from '../harness/authority/test-authority.ts';
import { runCli, runCliHere } from '../harness/authority/spawn-authority.ts';

/* `keyhole order create|list|show` and `license find`, as the real process on a real data dir. */

describe('keyhole CLI: orders and finding licenses', () => {
  const root = makeTempDir('keyhole-cli-orders-');
  const dataDir = join(root, 'authority');
  const data = ['--data', dataDir];
  let planId = '';
  before(async () => {
    await initDataDir(dataDir, loadProductConfig(), systemClock);
    const plan = runCli(['plan', 'create', '--name', 'Pro', '--limit', '3', ...data, '--json']);
    planId = String(JSON.parse(plan.stdout).plan.id);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('an order with a customer is found by email, redacted key and order number; the same reference never sells twice', () => {
    const args = ['order', 'create', '--plan', planId, '--email', 'Ann@Example.com', '--name', 'Ann Buyer', '--reference', 'shop-9', ...data, '--json'];
    const first = runCli(args);
    assert.equal(first.status, 0, first.stderr);
    const { order, license } = JSON.parse(first.stdout);
    const again = runCli(args.filter((arg) => arg !== '--json'));
    assert.match(again.stdout, new RegExp(`Already created: order ${order.id}\\.`));
    assert.match(again.stdout, new RegExp(license.key));

    for (const q of ['ann@example', redactLicenseKey(license.key), String(order.id)]) {
      const found = runCli(['license', 'find', q, ...data, '--json']);
      assert.equal(found.status, 0, found.stderr);
      assert.deepEqual(JSON.parse(found.stdout).orders.map((o: { id: number }) => o.id), [order.id], q);
    }
    const listed = runCli(['order', 'list', '--search', 'ann b', ...data]);
    assert.match(listed.stdout, new RegExp(`Order ${order.id}  Ann Buyer <Ann@Example.com> ref shop-9  license ${license.id} ${redactLicenseKey(license.key)}`));
    assert.doesNotMatch(listed.stdout, new RegExp(license.key), 'a list never prints the whole key');
    const shown = runCli(['order', 'show', String(order.id), ...data]);
    assert.match(shown.stdout, /Customer: +Ann Buyer <Ann@Example.com> ref shop-9/);
    assert.match(shown.stdout, new RegExp(license.key));
    const badEmail = runCli(['order', 'create', '--plan', planId, '--email', 'not-an-email', ...data]);
    assert.notEqual(badEmail.status, 0);
    assert.match(badEmail.stderr, /email/);
  });

  test('trials are left out of `order list` unless --kind asks; `license find` finds a trial\'s key too and marks it', async () => {
    // In this process: what the commands answer is the point here, not the process around them.
    const json = async (args: string[]) => JSON.parse((await runCliHere([...args, ...data, '--json'])).stdout);
    const trialPlan = (await json(['plan', 'create', '--name', 'Studio Trial', '--mode', 'trial', '--days', '14', '--limit', '1'])).plan;
    const trial = await json(['order', 'create', '--plan', String(trialPlan.id), '--email', 'tess@example.com']);
    const kinds = async (args: string[]) => (await json(['order', 'list', ...args])).orders.map((o: { kind: string }) => o.kind);
    assert.ok(!(await kinds([])).includes('trial'), 'paid orders by default');
    assert.deepEqual(await kinds(['--kind', 'trial']), ['trial']);
    assert.deepEqual(new Set(await kinds(['--kind', 'all'])), new Set(['trial', 'paid']));
    const found = await runCliHere(['license', 'find', 'tess@example.com', ...data]);
    assert.match(found.stdout, new RegExp(`^Order ${trial.order.id} \\(trial\\)  <tess@example.com>`));
    assert.equal((await json(['license', 'find', 'tess@example.com', '--kind', 'paid'])).orders.length, 0);
    const bad = await runCliHere(['order', 'list', '--kind', 'free', ...data]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /kind/);
  });

  test('`user add` prints a single-use sign-in link whose token sits after # (never sent in a request line)', () => {
    const added = runCli(['user', 'add', '--email', 'Helper@Example.com', '--role', 'support', '--url', 'https://licenses.example.com/', ...data]);
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /^Added helper@example\.com \(support\)\. Sign-in link, single use, valid 24 hours:\nhttps:\/\/licenses\.example\.com\/console\/set-password#token=[\w-]{43}\n$/);
    const twice = runCli(['user', 'add', '--email', 'helper@example.com', '--role', 'admin', ...data]);
    assert.notEqual(twice.status, 0);
    assert.match(twice.stderr, /exists already/);
    assert.equal(runCli(['user', 'add', '--email', 'x@example.com', '--role', 'owner', ...data]).status, 2);
    assert.match(runCli(['user', 'list', ...data]).stdout, /helper@example\.com {2}support {2}\(has not set a password yet\)/);
  });

  test('`license show` says which number is which: the headline names the license id, an order number points to its license', () => {
    const created = JSON.parse(runCli(['order', 'create', '--plan', planId, ...data, '--json']).stdout);
    const shown = runCli(['license', 'show', String(created.license.id), ...data]);
    assert.match(shown.stdout, new RegExp(`^License ${created.license.id}\\n  Order: +${created.order.id}\\n`));
    if (created.license.id !== created.order.id) {
      const byOrder = runCli(['license', 'show', String(created.order.id), ...data]);
      assert.notEqual(byOrder.status, 0);
      assert.match(byOrder.stderr, new RegExp(`order ${created.order.id} sold license ${created.license.id}`));
    }
  });
});
