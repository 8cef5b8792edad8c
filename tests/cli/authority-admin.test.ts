import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { initDataDir, openDataDir } from '../../server/authority-data.ts';
import { systemClock } from '../../server/clock.ts';
import * as admin from '../../server/licensing/admin-service.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { hashSecret } from '../../server/storage/key-crypto.ts';
import { makeTempDir, newInstanceId } from '../harness/authority/test-authority.ts';
import { runCli } from '../harness/authority/spawn-authority.ts';

/* The admin CLI's safety rails, run as the real `keyhole` process on a real data dir. */

const product = loadProductConfig();
const DAY = 86_400_000;
const FP = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };

/** Every file under `dir` with its bytes, to prove a command wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = `${statSync(path).mode}:${readFileSync(path).toString('base64')}`;
    }
  };
  walk(dir);
  return files;
}

describe('keyhole CLI: admin safety', () => {
  const root = makeTempDir('keyhole-cli-admin-');
  const dataDir = join(root, 'authority');
  const data = ['--data', dataDir];
  let licenseId = '';
  before(async () => {
    await initDataDir(dataDir, product, systemClock);
    const opened = await openDataDir(dataDir, product, systemClock);
    try {
      const plan = await admin.createPlan(opened.context, { name: 'Pro', activationLimit: 5, expiry: null, mode: 'airgapped', plugins: [], versions: { min: 0, max: null } });
      licenseId = String((await admin.createOrder(opened.context, plan.id)).id);
      await admin.setExpiry(opened.context, licenseId, Date.UTC(2030, 0, 31, 10));
    } finally {
      await opened.close();
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const showExpiry = async () => {
    const opened = await openDataDir(dataDir, product, systemClock);
    try {
      return (await admin.showLicense(opened.context, licenseId)).expires_at;
    } finally {
      await opened.close();
    }
  };

  test("a plan's release limit is set at creation, shown, and a malformed one is refused", async () => {
    const capped = runCli(['plan', 'create', '--name', 'Studio', '--limit', '2', '--release-limit', '1/7days', ...data]);
    assert.equal(capped.status, 0, capped.stderr);
    assert.match(capped.stdout, /Studio: online, 2 activations, .*, 1 release per 7 days$/m);
    const uncapped = runCli(['plan', 'create', '--name', 'Lab', '--release-limit', 'none', ...data, '--json']);
    assert.equal(JSON.parse(uncapped.stdout).plan.release_limit, null);
    const byDefault = runCli(['plan', 'create', '--name', 'Home', ...data, '--json']);
    assert.deepEqual(JSON.parse(byDefault.stdout).plan.release_limit, { count: 3, days: 30 });
    const bad = runCli(['plan', 'create', '--name', 'Bad', '--release-limit', 'often', ...data]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /the release limit is "none" or releases per period like 3\/30days — not "often"/);
  });

  test('a date the calendar does not have is refused, not rolled into the next month', async () => {
    const result = runCli(['license', 'expiry', licenseId, '2027-02-30', ...data]);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /"2027-02-30" is not a date: February 2027 has 28 days/);
    assert.equal(await showExpiry(), '2030-01-31T10:00:00.000Z', 'nothing changed');
  });

  test('+3months extends from the current expiry and prints before → after', async () => {
    const result = runCli(['license', 'expiry', licenseId, '+3months', ...data]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Expiry: 2030-01-31 10:00 UTC → 2030-04-30 10:00 UTC\n/);
    assert.equal(await showExpiry(), '2030-04-30T10:00:00.000Z');
  });

  test('a past expiry needs --yes; without it nothing changes and the sentence says what would happen', async () => {
    const refused = runCli(['license', 'expiry', licenseId, '2021-03-01', ...data]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /2021-03-01 00:00 UTC is in the past: license \d+ would be expired at once .*add --yes/);
    assert.equal(await showExpiry(), '2030-04-30T10:00:00.000Z');
    const confirmed = runCli(['license', 'expiry', licenseId, '2021-03-01', '--yes', ...data]);
    assert.equal(confirmed.status, 0, confirmed.stderr);
    assert.match(confirmed.stdout, /^Expiry: 2030-04-30 10:00 UTC → 2021-03-01 00:00 UTC\n/);
  });

  test('on an expired license +90days counts from now; after 2139 is refused with the range', async () => {
    const before = Date.now();
    const extended = runCli(['license', 'expiry', licenseId, '+90days', ...data, '--json']);
    assert.equal(extended.status, 0, extended.stderr);
    const { license, previous_expires_at } = JSON.parse(extended.stdout);
    assert.equal(previous_expires_at, '2021-03-01T00:00:00.000Z');
    const at = Date.parse(license.expires_at);
    assert.ok(at >= before + 90 * DAY && at <= Date.now() + 90 * DAY + 3_600_000, license.expires_at);

    const tooLate = runCli(['license', 'expiry', licenseId, '2140-01-01', ...data]);
    assert.equal(tooLate.status, 2);
    assert.match(tooLate.stderr, /after 2139-08-15 15:00 UTC, the latest expiry an activation certificate can carry/);
    const tooLong = runCli(['plan', 'create', '--name', 'Forever-ish', '--expiry', '200years', ...data]);
    assert.equal(tooLong.status, 2);
    assert.match(tooLong.stderr, /200 years later/);
  });

  test('stored names and metadata are escaped, and revoke says an air-gapped machine keeps working', async () => {
    const opened = await openDataDir(dataDir, product, systemClock);
    try {
      // Written through storage: the public API refuses such names, older data may still hold them.
      await opened.context.storage.insertActivation({
        licenseId: Number(licenseId), instanceId: newInstanceId(), instanceName: 'Laptop\u001b[2J\nFAKE LINE\u202e',
        metadata: { os: 'mac\u0007OS' }, fingerprint: FP, at: Date.now(),
      });
    } finally {
      await opened.close();
    }
    const listed = runCli(['license', 'activations', licenseId, ...data]);
    assert.equal(listed.status, 0, listed.stderr);
    assert.doesNotMatch(listed.stdout, /[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    assert.equal(listed.stdout.trimEnd().split('\n').length, 1, 'one activation, one line');
    assert.match(listed.stdout, /Laptop\\x1b\[2J\\nFAKE LINE\\u\{202e\}.* os=mac\\x07OS/);
    const json = runCli(['license', 'activations', licenseId, ...data, '--json']);
    assert.equal(json.status, 0, json.stderr);
    assert.doesNotMatch(json.stdout, /[\u0000-\u0009\u000b-\u001f\u007f\u202e]/, '--json escapes what would reorder or hide text');
    const names = (JSON.parse(json.stdout).activations as { instance_name: string }[]).map((a) => a.instance_name);
    assert.ok(names.includes('Laptop\u001b[2J\nFAKE LINE\u202e'), 'and parses back to the stored name');

    const id = /^#(\d+)/.exec(listed.stdout)?.[1] as string;
    const revoked = runCli(['license', 'revoke', licenseId, id, ...data]);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.match(revoked.stdout, /Warning: .*air-gapped machine .* never checks in .* keeps working until the license expires/);
  });

  test('tokens: create with an expiry, list without secrets, revoke', async () => {
    const created = runCli(['token', 'create', '--label', 'ci\u001b[31m', '--expires', '90days', ...data, '--json']);
    assert.equal(created.status, 0, created.stderr);
    const { token, expires_at } = JSON.parse(created.stdout);
    assert.ok(Date.parse(expires_at) > Date.now() + 89 * DAY);

    const listed = runCli(['token', 'list', ...data]);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /^#1 active — "created by authority init", created .* UTC, last used never, never expires$/m);
    assert.match(listed.stdout, /^#2 active — "ci\\x1b\[31m", created .* UTC, last used never, expires \d{4}-\d\d-\d\d \d\d:00 UTC$/m);
    assert.ok(!listed.stdout.includes(token) && !listed.stdout.includes(hashSecret(token)), 'never the token or its hash');

    const revoked = runCli(['token', 'revoke', '2', ...data]);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.match(revoked.stdout, /^Revoked #2 revoked/);
    const again = runCli(['token', 'revoke', '2', ...data]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already revoked/);
  });

  test('init refuses a data dir that holds a database, even without its secret, and writes nothing', async () => {
    rmSync(join(dataDir, 'secret.key'));
    const before = snapshot(dataDir);
    const init = runCli(['authority', 'init', ...data]);
    assert.equal(init.status, 3, init.stderr);
    assert.match(init.stderr, /already holds an authority database; init refuses it and changed nothing/);
    assert.deepEqual(snapshot(dataDir), before, 'byte-identical, no file added');

    const list = runCli(['plan', 'list', ...data]);
    assert.equal(list.status, 3);
    assert.match(list.stderr, /secret\.key is missing: .* restore it from your backup/);
    assert.doesNotMatch(list.stderr + init.stderr, /authority init/, 'never suggests re-initialising');
  });
});
