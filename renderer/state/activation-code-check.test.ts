import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestSigner } from '../../node-core/replay/scenario-signer.ts';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { encodeRequestCode } from '../../shared/license/offline-codes.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { checkActivationCodeInput } from './activation-code-check.ts';

const signer = createTestSigner();
const catalog = pluginCatalog(signer.product);
const fingerprint = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };
const code = signer.sign(signer.payload('0123-4567-89AB-CDEF', fingerprint, Date.now()));

test('a whole activation code is ok, whatever spaces or case the paste has', () => {
  assert.equal(checkActivationCodeInput(code, catalog).verdict, 'ok');
  assert.equal(checkActivationCodeInput(` ${code.toLowerCase().replace(/-/g, ' ')}\n`, catalog).verdict, 'ok');
  assert.equal(checkActivationCodeInput('  ', catalog).verdict, 'empty');
});

test('a cut-off code says how much is missing; a typo names its group', () => {
  const cut = checkActivationCodeInput(`KA-${code.slice(3).replace(/-/g, '').slice(0, -40)}`, catalog);
  assert.equal(cut.verdict, 'short');
  assert.match(cut.hint ?? '', /^the code is 40 characters short/);
  const groups = code.split('-');
  const seventh = groups[7]!;
  groups[7] = (seventh[0] === 'X' ? 'Y' : 'X') + seventh.slice(1);
  const typo = checkActivationCodeInput(groups.join('-'), catalog);
  assert.equal(typo.verdict, 'invalid');
  assert.match(typo.hint ?? '', /group 7 has a typo/);
});

test('a malformed code is headed by the activation code format error, not the license key one', () => {
  const groups = code.split('-');
  groups[2] = (groups[2]![0] === 'X' ? 'Y' : 'X') + groups[2]!.slice(1);
  const typo = checkActivationCodeInput(groups.join('-'), catalog);
  assert.equal(typo.code, 'ACTIVATION_CODE_FORMAT_INVALID');
  assert.equal(CATALOG[typo.code].title, 'Invalid activation code format');
  const key = checkActivationCodeInput(generateLicenseKey(), catalog);
  assert.equal(key.code, 'ACTIVATION_CODE_FORMAT_INVALID', 'a license key pasted here is still the activation code box speaking');
  assert.equal(checkActivationCodeInput(code, catalog).code, null);
});

test('a request code or a license key pasted here is recognised and pointed elsewhere', () => {
  const key = generateLicenseKey();
  const request = encodeRequestCode({ licenseKey: key, instanceId: '0123-4567-89AB-CDEF', fingerprint, appVersion: { major: 1, minor: 0, patch: 0 }, createdAt: Date.now() });
  const asRequest = checkActivationCodeInput(request, catalog);
  assert.equal(asRequest.recognisedAs, 'requestCode');
  assert.match(asRequest.hint ?? '', /request code, not an activation code/);
  const asKey = checkActivationCodeInput(key, catalog);
  assert.equal(asKey.verdict, 'invalid');
  assert.equal(asKey.recognisedAs, 'licenseKey');
});
