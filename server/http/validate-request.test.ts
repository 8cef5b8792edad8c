import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newInstanceId, PLAN, startTestAuthority, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';

/*
 * What the public API accepts as text a person will read later: the CLI prints instance names and
 * metadata into the vendor's terminal, so control characters and bidi overrides are refused at the
 * door, naming the field.
 */

const HOSTILE = {
  'an escape sequence': 'Office \u001b[2J\u001b[31mPC',
  'a carriage return': 'Office\rPC',
  'a NUL': 'Office\u0000PC',
  DEL: 'Office\u007fPC',
  'a C1 control (CSI)': 'Office\u009bPC',
  'a right-to-left override': 'Office \u202egnp.exe',
  'a left-to-right embedding': 'Office \u202aPC',
  'a first-strong isolate': 'Office \u2068PC',
  'a pop directional isolate': 'Office \u2069PC',
  'a right-to-left mark': 'Office \u200fPC',
  'a left-to-right mark': 'Office \u200ePC',
  'an Arabic letter mark': 'Office \u061cPC',
};

describe('instance names and metadata refuse unprintable characters', () => {
  let t: TestAuthority;
  let key: string;
  before(async () => {
    t = await startTestAuthority();
    key = (await t.order({ ...PLAN, activation_limit: 100 })).key;
  });
  after(() => t.close());

  for (const [what, text] of Object.entries(HOSTILE)) {
    test(`instance_name and a metadata value with ${what} are REQUEST_INVALID naming the field; nothing is stored`, async () => {
      const instance_id = newInstanceId();
      const named = await t.post('/license/activate', { license_key: key, instance_id, instance_name: text });
      assert.deepEqual([named.status, named.body.error.code], [400, 'REQUEST_INVALID']);
      assert.match(named.body.error.hint, /^instance_name: control characters/);
      const tagged = await t.post('/license/activate', { license_key: key, instance_id, metadata: { os: 'Windows', host: text } });
      assert.deepEqual([tagged.status, tagged.body.error.code], [400, 'REQUEST_INVALID']);
      assert.match(tagged.body.error.hint, /^metadata\.host: control characters/);
      const offline = await t.admin('POST', '/admin/offline-activations', { license_key: key, instance_id, instance_name: text });
      assert.deepEqual([offline.status, offline.body.error.code], [400, 'REQUEST_INVALID'], 'the offline route takes the same body');
      const validated = await t.post('/license/validate', { license_key: key, instance_id });
      assert.equal(validated.body.code, 'NOT_ACTIVATED', 'no slot was taken');
    });
  }

  test('ordinary names in any script, with spaces and punctuation, still pass', async () => {
    const instance_id = newInstanceId();
    const res = await t.post('/license/activate', {
      license_key: key,
      instance_id,
      instance_name: 'Büro-PC № 2 (東京) — שלום',
      metadata: { os: 'Windows 11 Pro', user: 'Zoë' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.activation.instance_name, 'Büro-PC № 2 (東京) — שלום');
  });
});
