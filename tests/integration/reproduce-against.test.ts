import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bundleText } from '../../node-core/support/bundle-file.ts';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { redactLicenseKey } from '../../shared/format/license-key.ts';
import { officePcCore } from '../harness/authority/office-pc-core.ts';
import { makeTempDir, PLAN, startTestAuthority, type TestAuthority } from '../harness/authority/test-authority.ts';
import { runReproduce } from '../harness/bundles/run-reproduce.ts';

/*
 * A real authority, a real core activated against it, then revoked by the vendor: the bundle
 * reproduces to ACTIVATION_REVOKED with the authority's own keys (--data), and --against reports
 * what the authority knows now: the instance revoked, then the key regenerated.
 */

interface AgainstReport {
  reproduced: { code: string | null };
  sameAsCustomer: boolean;
  keys: { source: string; problem: string | null };
  authority: { status: string; keyRegenerated: boolean; keyRedacted: string; instance: { active: boolean; revoked: boolean; history: { status: string }[] } };
}

describe('keyhole support reproduce --against a real authority', () => {
  let authority: TestAuthority;
  const root = makeTempDir('keyhole-support-against-');
  let bundleFile = '';
  let key = '';
  let licenseId = 0;

  before(async () => {
    authority = await startTestAuthority();
    ({ key, id: licenseId } = await authority.order(PLAN));
    const { core } = await officePcCore(authority, root);
    const activated = await core.service.activateOnline(key);
    assert.equal(activated.status.state, 'active');
    const [activation] = (await authority.admin('GET', `/admin/licenses/${licenseId}/activations`)).body.activations;
    assert.equal((await authority.admin('POST', `/admin/licenses/${licenseId}/activations/${activation.id}/revoke`)).status, 200);
    const { snapshot } = await core.service.validateNow();
    assert.equal(snapshot.status.code, 'ACTIVATION_REVOKED');
    bundleFile = join(root, 'revoked.json');
    writeFileSync(bundleFile, bundleText(await core.support.buildBundle()));
  });
  /** The --json report and the human text of the same run. */
  async function reproduceAgainst(): Promise<{ value: AgainstReport; human: string }> {
    const values = { data: authority.dataDir, against: authority.url, token: authority.adminToken };
    const json = await runReproduce(bundleFile, { ...values, json: true }, undefined, authority.dataDir);
    const text = await runReproduce(bundleFile, values, undefined, authority.dataDir);
    return { value: json.value as AgainstReport, human: text.human };
  }

  after(async () => {
    await authority.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('reproduces the revocation with the authority keys, and the authority confirms it', async () => {
    const { value, human } = await reproduceAgainst();
    assert.equal(value.reproduced.code, 'ACTIVATION_REVOKED');
    assert.equal(value.sameAsCustomer, true);
    assert.match(value.keys.source, /signing keys of the authority data dir/);
    assert.equal(value.authority.status, 'active');
    assert.deepEqual([value.authority.instance.active, value.authority.instance.revoked, value.authority.keyRegenerated], [false, true, false]);
    assert.match(human, /This instance [\dA-Z-]+: revoked\n {4}#\d+ revoked/);
    assert.ok(!human.includes(key) && !JSON.stringify(value).includes(key), 'the full key is never printed');
  });

  test('after the vendor regenerated the key, --against says so (redacted)', async () => {
    const regenerated = await authority.admin('POST', `/admin/licenses/${licenseId}/regenerate`);
    assert.equal(regenerated.status, 200);
    const { value, human } = await reproduceAgainst();
    assert.equal(value.authority.keyRegenerated, true);
    assert.equal(value.authority.keyRedacted, redactLicenseKey(regenerated.body.license.key));
    assert.match(human, /Key regenerated: yes: the customer has a key that is no longer this license's/);
    assert.ok(!human.includes(regenerated.body.license.key));
  });

  test('a wrong admin token is UNAUTHORIZED', async () => {
    await assert.rejects(
      runReproduce(bundleFile, { data: authority.dataDir, against: authority.url, token: 'kha_wrong' }, undefined, authority.dataDir),
      (error) => error instanceof KeyholeError && error.code === 'UNAUTHORIZED',
    );
  });
});
