import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ErrorCode } from '../../shared/errors/catalog.ts';
import { MANUAL_PAGE, panelFor } from '../../shared/errors/screen-actions.ts';
import { certificateDigest, encodeDeactivationCode, encodeRequestCode } from '../../shared/license/offline-codes.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { loadProductConfig } from '../product-config.ts';
import { newInstanceId, PLAN, startTestAuthority, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';
import { decodeEntities, errorCodeIn, errorTitleIn, postForm } from '../../tests/harness/http/manual-page-forms.ts';

/*
 * A typo in a request or deactivation code, wherever the authority takes one, is reported as that
 * code's format error with its own fix steps, never as a malformed license key; and it costs
 * nothing (no slot taken, none freed).
 */

const catalog = pluginCatalog(loadProductConfig());
const FINGERPRINT = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };

/** The code with one character of its `group`-th group (1-based) changed. */
function withTypo(code: string, group: number): string {
  const groups = code.split('-');
  const target = groups[group] as string;
  groups[group] = (target[0] === 'X' ? 'Y' : 'X') + target.slice(1);
  return groups.join('-');
}

/** What the HTML shows of an error: its code, title, and whether every fix step of that code is there. */
function pageError(html: string) {
  const text = decodeEntities(html);
  const code = errorCodeIn(html) as ErrorCode | null;
  return { code, title: errorTitleIn(html), allFixes: code !== null && panelFor(code, MANUAL_PAGE).steps.every((fix) => text.includes(fix)) };
}

describe('code format errors on the authority', () => {
  let t: TestAuthority;
  let license: { key: string; id: number };
  let requestCode: string;
  let deactivationCode: string;
  const used = async () => (await t.admin('GET', `/admin/licenses/${license.id}`)).body.license.activations_used as number;

  before(async () => {
    t = await startTestAuthority();
    license = await t.order({ ...PLAN, mode: 'offline' });
    const request = (instanceId: string) =>
      encodeRequestCode({ licenseKey: license.key, instanceId, fingerprint: FINGERPRINT, appVersion: { major: 1, minor: 0, patch: 0 }, createdAt: Date.now() });
    const instanceId = newInstanceId();
    const issued = await t.admin('POST', '/admin/offline-activations', { request_code: request(instanceId) });
    assert.equal(issued.status, 201);
    deactivationCode = encodeDeactivationCode({
      licenseId: license.id,
      instanceId,
      certificateDigest: await certificateDigest(issued.body.certificate, catalog),
      deactivatedAt: Date.now(),
    });
    requestCode = request(newInstanceId());
  });
  after(() => t.close());

  test('POST /admin/offline-activations with a typo in the request code: REQUEST_CODE_FORMAT_INVALID, the group named', async () => {
    const res = await t.admin('POST', '/admin/offline-activations', { request_code: withTypo(requestCode, 2) });
    assert.equal(res.status, 400);
    assert.deepEqual([res.body.error.code, res.body.error.message], ['REQUEST_CODE_FORMAT_INVALID', 'Invalid request code format']);
    assert.equal(res.body.error.hint, 'group 2 has a typo: its check character does not match');
    const misplaced = await t.admin('POST', '/admin/offline-activations', { request_code: deactivationCode });
    assert.equal(misplaced.body.error.code, 'REQUEST_CODE_FORMAT_INVALID');
    assert.match(misplaced.body.error.hint, /this is a deactivation code, not a request code/);
    assert.equal(await used(), 1, 'a refused request takes no slot');
  });

  test('POST /admin/offline-deactivations with a typo in the deactivation code: DEACTIVATION_CODE_FORMAT_INVALID', async () => {
    const res = await t.admin('POST', '/admin/offline-deactivations', { deactivation_code: withTypo(deactivationCode, 3) });
    assert.equal(res.status, 400);
    assert.deepEqual([res.body.error.code, res.body.error.message], ['DEACTIVATION_CODE_FORMAT_INVALID', 'Invalid deactivation code format']);
    assert.equal(res.body.error.hint, 'group 3 has a typo: its check character does not match');
    const short = await t.admin('POST', '/admin/offline-deactivations', { deactivation_code: deactivationCode.slice(0, -5) });
    assert.deepEqual([short.status, short.body.error.code], [400, 'DEACTIVATION_CODE_FORMAT_INVALID']);
    assert.equal(await used(), 1, 'a refused deactivation frees nothing');
  });

  test('the manual page /activate shows the request code title and fix steps for a typo', async () => {
    const page = await postForm(t.url, '/activate', { request_code: withTypo(requestCode, 1) });
    assert.equal(page.status, 400);
    assert.deepEqual(pageError(page.html), { code: 'REQUEST_CODE_FORMAT_INVALID', title: 'Invalid request code format', allFixes: true });
    assert.match(page.html, /group 1 has a typo/);
    assert.doesNotMatch(page.html, /Invalid license key format/);
  });

  test('the manual page /activate still calls a bad license key a license key error', async () => {
    const page = await postForm(t.url, '/activate', { license_key: 'KH-12345', instance_id: newInstanceId() });
    assert.deepEqual(pageError(page.html), { code: 'LICENSE_FORMAT_INVALID', title: 'Invalid license key format', allFixes: true });
  });

  test('the manual page /deactivate shows the deactivation code title and fix steps for a typo', async () => {
    const page = await postForm(t.url, '/deactivate', { deactivation_code: withTypo(deactivationCode, 2) });
    assert.equal(page.status, 400);
    assert.deepEqual(pageError(page.html), { code: 'DEACTIVATION_CODE_FORMAT_INVALID', title: 'Invalid deactivation code format', allFixes: true });
    assert.match(page.html, /group 2 has a typo/);
    assert.equal(await used(), 1);
  });
});
