import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createLicenseCore } from '../../node-core/create-license-core.ts';
import { staticIdentifierSource } from '../../node-core/fingerprint/identifier-source.ts';
import { bundleText } from '../../node-core/support/bundle-file.ts';
import { demoProduct } from '../../node-core/replay/scenario-signer.ts';
import { addConsoleUser } from '../../server/licensing/console-users.ts';
import { authorityPublicKeys } from '../../server/support/bundle-key-set.ts';
import { OFFICE_PC } from '../harness/core/machines.ts';
import { makeTempDir, PLAN, requestJson, startTestAuthority, type TestAuthority } from '../harness/authority/test-authority.ts';
import { runReproduce } from '../harness/bundles/run-reproduce.ts';

/*
 * The console's support lookup against a real authority and a real core: a customer's instance is
 * revoked, their bundle is posted by a support user, and the answer holds what the customer saw,
 * what the authority knows now (the same facts `support reproduce --against` prints) and the ids
 * to link the license's page.
 */

describe('POST /admin/support/lookup', () => {
  let t: TestAuthority;
  const root = makeTempDir('keyhole-support-lookup-');
  let bundle: Awaited<ReturnType<ReturnType<typeof createLicenseCore>['support']['buildBundle']>>;
  let licenseId = 0;
  let support = { cookie: '', csrf: '' };

  before(async () => {
    t = await startTestAuthority();
    const ordered = await t.order(PLAN);
    licenseId = ordered.id;
    const core = createLicenseCore({
      dataDir: join(root, 'app'),
      product: demoProduct(),
      keySet: await authorityPublicKeys(t.dataDir),
      appVersion: '1.2.0',
      identifierSource: staticIdentifierSource(OFFICE_PC),
      authorityUrl: t.url,
      timeoutMs: 5_000,
      env: {},
    });
    assert.equal((await core.service.activateOnline(ordered.key)).status.state, 'active');
    const [activation] = (await t.admin('GET', `/admin/licenses/${licenseId}/activations`)).body.activations;
    assert.equal((await t.admin('POST', `/admin/licenses/${licenseId}/activations/${activation.id}/revoke`)).status, 200);
    assert.equal((await core.service.validateNow()).snapshot.status.code, 'ACTIVATION_REVOKED');
    bundle = await core.support.buildBundle();

    const { linkToken } = await addConsoleUser(t.authority.context, 'help@example.com', 'support');
    const set = await requestJson(`${t.url}/console/api/set-password`, { method: 'POST', body: JSON.stringify({ token: linkToken, password: 'correct horse battery' }) });
    support = { cookie: (set.headers.get('set-cookie') ?? '').split(';')[0] as string, csrf: set.body.csrf_token };
  });
  after(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  const lookup = (body: unknown) =>
    requestJson(`${t.url}/admin/support/lookup`, {
      method: 'POST',
      headers: { cookie: support.cookie, 'x-csrf-token': support.csrf },
      body: JSON.stringify(body),
    });

  test('a support user gets what the customer saw, what the authority knows now, and the license to link', async () => {
    const res = await lookup(bundle);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.reproduced.code, res.body.sameAsCustomer], ['ACTIVATION_REVOKED', true]);
    const order = (await t.admin('GET', `/admin/licenses/${licenseId}`)).body.license.order_id;
    assert.deepEqual(res.body.license, { id: licenseId, order_id: order });
    assert.deepEqual([res.body.authority.status, res.body.authority.instance.revoked, res.body.authority.keyRegenerated], ['active', true, false]);

    // One reading of the facts: the same as the CLI's --against.
    const file = join(root, 'bundle.json');
    writeFileSync(file, bundleText(bundle));
    const cli = await runReproduce(file, { data: t.dataDir, against: t.url, token: t.adminToken, json: true }, undefined, t.dataDir);
    const { url: _cliUrl, ...cliFacts } = (cli.value as { authority: Record<string, unknown> }).authority;
    const { url: _ours, ...ourFacts } = res.body.authority;
    assert.deepEqual(ourFacts, cliFacts);
  });

  test('an edited bundle or one that is not a bundle is refused with the reason, not a stack trace', async () => {
    const edited = await lookup({ ...bundle, instanceId: 'XXXX-XXXX' });
    assert.deepEqual([edited.status, edited.body.error.code], [400, 'REQUEST_INVALID']);
    assert.match(edited.body.error.hint, /edited|bundle/);
    const junk = await lookup({ hello: 'world' });
    assert.deepEqual([junk.status, junk.body.error.code], [400, 'REQUEST_INVALID']);
    assert.match(junk.body.error.hint, /not a Keyhole support bundle/);
    // Larger than the API's usual 16 KB body limit, as a bundle with many events is: read, then judged.
    const large = await lookup({ ...bundle, events: Array.from({ length: 400 }, (_, i) => ({ padding: `event ${i} `.repeat(10) })) });
    assert.deepEqual([large.status, large.body.error.code], [400, 'REQUEST_INVALID']);
    assert.match(large.body.error.hint, /bundle/);
  });
});
