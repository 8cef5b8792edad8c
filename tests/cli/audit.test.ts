import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { initDataDir } from '../../server/authority-data.ts';
import { systemClock } from '../../server/clock.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { makeTempDir } from '../harness/authority/test-authority.ts';
import { runCli } from '../harness/authority/spawn-authority.ts';

/* `keyhole audit list`: the CLI's own changes land in the audit log as cli:<OS user>, and it lists them. */

describe('keyhole CLI: audit list', () => {
  const root = makeTempDir('keyhole-cli-audit-');
  const dataDir = join(root, 'authority');
  const data = ['--data', dataDir];
  before(async () => {
    await initDataDir(dataDir, loadProductConfig(), systemClock);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a plan, an order and a limit change made with the CLI are listed newest first, also per license', () => {
    const plan = JSON.parse(runCli(['plan', 'create', '--name', 'Pro', '--limit', '3', ...data, '--json']).stdout).plan;
    const order = JSON.parse(runCli(['order', 'create', '--plan', String(plan.id), '--email', 'ann@example.com', ...data, '--json']).stdout);
    const licenseId = String(order.license.id);
    const limited = runCli(['license', 'limit', licenseId, '7', ...data]);
    assert.equal(limited.status, 0, limited.stderr);

    const listed = runCli(['audit', 'list', '--license', licenseId, ...data, '--json']);
    assert.equal(listed.status, 0, listed.stderr);
    const events = JSON.parse(listed.stdout).events as { actor: string; action: string; before: unknown; after: { activation_limit: number } }[];
    const me = `cli:${userInfo().username}`;
    assert.deepEqual(events.map((e) => [e.actor, e.action]), [[me, 'license.limit'], [me, 'order.create']]);
    assert.equal(events[0]?.after.activation_limit, 7);

    const human = runCli(['audit', 'list', ...data]);
    assert.equal(human.status, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`${me}  license\\.limit license ${licenseId} activation_limit: 3 → 7`));
    assert.match(human.stdout, new RegExp(`${me}  plan\\.create plan ${plan.id}`));
    const bad = runCli(['audit', 'list', '--since', 'last week', ...data]);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /since/);
  });

});
