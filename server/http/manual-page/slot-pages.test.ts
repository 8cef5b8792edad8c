import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createOffsetClock } from '../../clock.ts';
import { errorCodeIn, getPage, postForm } from '../../../tests/harness/http/manual-page-forms.ts';
import { newInstanceId, PLAN, startTestAuthority, type TestAuthority } from '../../../tests/harness/authority/test-authority.ts';

/* "Free a slot" on the manual page, posted as a browser without JavaScript posts it. */

const hidden = (html: string, name: string) => [...html.matchAll(new RegExp(`name="${name}" value="([^"]*)"`, 'g'))].map((m) => m[1] as string);

describe('manual page: free a slot', () => {
  const clock = createOffsetClock();
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority({ clock });
  });
  after(() => t.close());

  test('key → the machines → confirm naming the machine → freed; the freed machine loses its license', async () => {
    const { key } = await t.order({ ...PLAN, activation_limit: 1 });
    const other = newInstanceId();
    await t.post('/license/activate', { license_key: key, instance_id: other, instance_name: 'Other workstation', metadata: { os: 'Windows 11' } });
    assert.equal((await getPage(t.url, '/free-slot')).status, 200);
    assert.match((await getPage(t.url, '/activate')).html, /href="\/free-slot"/, 'the activation page links to it');

    const listed = await postForm(t.url, '/free-slot', { license_key: key.toLowerCase() });
    assert.equal(listed.status, 200);
    assert.match(listed.html, /Other workstation/);
    assert.match(listed.html, /Windows 11/);
    assert.match(listed.html, new RegExp(`ends in ${other.slice(-4)}`));
    assert.ok(!listed.html.includes(other), 'never the other machine\'s Instance ID in full');
    const [slot] = hidden(listed.html, 'slot');

    const confirm = await postForm(t.url, '/free-slot/confirm', { license_key: key, slot: slot as string });
    assert.match(confirm.html, /Free the slot of “Other workstation”\?/);
    assert.equal((await t.post('/license/activations', { license_key: key })).body.activations.length, 1, 'asking is not freeing');

    const freed = await postForm(t.url, '/free-slot/release', { license_key: key, slot: slot as string });
    assert.equal(freed.status, 200);
    assert.match(freed.html, /Activation slot freed/);
    assert.match(freed.html, /<dd>0 of 1 in use<\/dd>/);
    const lost = await t.post('/license/validate', { license_key: key, instance_id: other });
    assert.deepEqual([lost.body.valid, lost.body.code], [false, 'NOT_ACTIVATED']);
  });

  test('limit reached on the manual page links to "Free a slot"; air-gapped machines say only they can free theirs', async () => {
    const { key } = await t.order({ ...PLAN, mode: 'airgapped', activation_limit: 1, release_limit: null });
    await t.post('/license/activate', { license_key: key, instance_id: newInstanceId(), instance_name: 'Lab PC' });
    const refused = await postForm(t.url, '/activate', { license_key: key, instance_id: newInstanceId() });
    assert.equal(errorCodeIn(refused.html), 'ACTIVATION_LIMIT_REACHED');
    assert.match(refused.html, /<a href="\/free-slot">Free a slot<\/a>/);

    const listed = await postForm(t.url, '/free-slot', { license_key: key });
    assert.match(listed.html, /Lab PC/);
    assert.match(listed.html, /This device must deactivate itself/);
    assert.deepEqual(hidden(listed.html, 'slot'), [], 'no free button for it');
    const [slot] = (await t.post('/license/activations', { license_key: key })).body.activations.map((a: { slot: string }) => a.slot);
    const forced = await postForm(t.url, '/free-slot/release', { license_key: key, slot });
    assert.equal(errorCodeIn(forced.html), 'DEACTIVATION_PROOF_REQUIRED');
  });

  test('a wrong key and a broken form are explained on the page, the key kept in the field', async () => {
    const typo = await postForm(t.url, '/free-slot', { license_key: 'KH-1234' });
    assert.equal(errorCodeIn(typo.html), 'LICENSE_FORMAT_INVALID');
    assert.match(typo.html, /value="KH-1234"/);
    const { key } = await t.order(PLAN);
    const noSlot = await postForm(t.url, '/free-slot/release', { license_key: key, slot: '<script>' });
    assert.equal(errorCodeIn(noSlot.html), 'REQUEST_INVALID');
    assert.ok(!noSlot.html.includes('<script>'));
  });
});
