import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CATALOG } from '../../../shared/errors/catalog.ts';
import { MANUAL_PAGE, panelFor } from '../../../shared/errors/screen-actions.ts';
import type { CompactFingerprint } from '../../../shared/license/fingerprint.ts';
import { certificateDigest, encodeDeactivationCode, encodeRequestCode } from '../../../shared/license/offline-codes.ts';
import { verifyActivationCode, type PublicKeySet } from '../../../shared/license/signing.ts';
import { pluginCatalog } from '../../../shared/product/config.ts';
import { activationCodeIn, errorCodeIn, errorTitleIn, getPage, postForm } from '../../../tests/harness/http/manual-page-forms.ts';
import { generateLicenseKey } from '../../../shared/format/license-key.ts';
import { createOffsetClock } from '../../clock.ts';
import { loadProductConfig } from '../../product-config.ts';
import { newInstanceId, PLAN, startTestAuthority, type TestAuthority } from '../../../tests/harness/authority/test-authority.ts';

const catalog = pluginCatalog(loadProductConfig());
const FINGERPRINT: CompactFingerprint = { machineId: 11, systemUuid: 22, baseboardSerial: 0, diskSerial: 33, cpu: 44, mac: 55 };
const DAY = 86_400_000;

function requestCode(licenseKey: string, instanceId = newInstanceId()): string {
  return encodeRequestCode({ licenseKey, instanceId, fingerprint: FINGERPRINT, appVersion: { major: 1, minor: 4, patch: 2 }, createdAt: Date.now() });
}

describe('manual activation page', () => {
  const clock = createOffsetClock();
  let t: TestAuthority;
  let keySet: PublicKeySet;
  before(async () => {
    t = await startTestAuthority({ clock });
    keySet = t.authority.keySet;
  });
  after(() => t.close());

  const activate = (fields: Record<string, string>) => postForm(t.url, '/activate', fields);
  const usedSlots = async (key: string) => (await t.admin('GET', `/admin/licenses/${encodeURIComponent(key)}`)).body.license.activations_used as number;

  test('GET /activate: both forms, posting without JavaScript, under a strict nonce CSP', async () => {
    const page = await getPage(t.url, '/activate');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    for (const tag of page.html.match(/<(script|style)\b[^>]*>/g) ?? []) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    assert.doesNotMatch(page.html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.equal((page.html.match(/<form method="post" action="\/activate">/g) ?? []).length, 2);
    for (const field of ['request_code', 'license_key', 'instance_id']) assert.match(page.html, new RegExp(`name="${field}"`));
    const again = await getPage(t.url, '/activate');
    assert.notEqual(/nonce-([^']+)/.exec(again.headers.get('content-security-policy') ?? '')?.[1], nonce, 'a fresh nonce per response');
  });

  test('a request code gives an activation code for that instance and fingerprint, with a QR code; it counts against the limit', async () => {
    const { key, id } = await t.order({ ...PLAN, mode: 'offline' });
    const instanceId = newInstanceId();
    const page = await activate({ request_code: `  ${requestCode(key, instanceId).toLowerCase()}\n` });
    assert.equal(page.status, 200, errorTitleIn(page.html) ?? '');
    const code = activationCodeIn(page.html);
    assert.ok(code);
    const { payload } = await verifyActivationCode(code, keySet, catalog);
    assert.deepEqual([payload.licenseId, payload.instanceId, payload.mode], [id, instanceId, 'offline']);
    assert.deepEqual(payload.fingerprint, FINGERPRINT);
    assert.match(page.html, /<svg[^>]*viewBox/);
    assert.match(page.html, /data-copy="activation-code"/);
    assert.doesNotMatch(page.html, /fingerprint is unknown/);
    assert.equal(await usedSlots(key), 1);
    const listed = (await t.admin('GET', `/admin/licenses/${id}/activations`)).body.activations;
    assert.equal(listed[0].metadata.app_version, '1.4.2');
  });

  test('license key + Instance ID: the certificate has no fingerprint, and the page says so', async () => {
    const { key } = await t.order(PLAN);
    const instanceId = newInstanceId();
    const page = await activate({ license_key: key.toLowerCase(), instance_id: instanceId.replace(/-/g, ' ') });
    assert.equal(page.status, 200, errorTitleIn(page.html) ?? '');
    const { payload } = await verifyActivationCode(activationCodeIn(page.html) as string, keySet, catalog);
    assert.equal(payload.instanceId, instanceId);
    assert.deepEqual(Object.values(payload.fingerprint), [0, 0, 0, 0, 0, 0]);
    assert.match(page.html, /fingerprint is unknown/);
  });

  test('every refusal of the online API is shown with its catalog title, explanation and fix steps', async () => {
    const expired = await t.order(PLAN);
    await t.admin('POST', `/admin/licenses/${expired.id}/expiry`, { expires_at: new Date(Date.now() - DAY).toISOString() });
    const deactivated = await t.order(PLAN);
    await t.admin('POST', `/admin/licenses/${deactivated.id}/deactivate`, {});
    const full = await t.order({ ...PLAN, activation_limit: 1 });
    assert.equal((await activate({ request_code: requestCode(full.key) })).status, 200);
    const regenerated = await t.order(PLAN);
    await t.admin('POST', `/admin/licenses/${regenerated.id}/regenerate`, {});

    const cases: Array<[string, Record<string, string>, keyof typeof CATALOG, number]> = [
      ['expired', { request_code: requestCode(expired.key) }, 'LICENSE_EXPIRED', 410],
      ['deactivated', { request_code: requestCode(deactivated.key) }, 'LICENSE_DEACTIVATED', 403],
      ['limit', { request_code: requestCode(full.key) }, 'ACTIVATION_LIMIT_REACHED', 409],
      ['revoked by regeneration', { request_code: requestCode(regenerated.key) }, 'LICENSE_INVALID', 404],
      ['unknown key', { license_key: generateLicenseKey(), instance_id: newInstanceId() }, 'LICENSE_INVALID', 404],
      ['nothing entered', { license_key: '', instance_id: '' }, 'REQUEST_INVALID', 400],
    ];
    for (const [name, fields, code, status] of cases) {
      const page = await activate(fields);
      assert.equal(page.status, status, name);
      assert.equal(errorCodeIn(page.html), code, name);
      assert.equal(errorTitleIn(page.html), CATALOG[code].title, name);
      assert.ok(page.html.includes(panelFor(code, MANUAL_PAGE).steps[0]?.replace(/"/g, '&quot;') ?? ''), `${name}: fix steps`);
      assert.equal(activationCodeIn(page.html), null, name);
    }
    assert.equal(await usedSlots(full.key), 1, 'a refused request takes no slot');
    assert.match((await activate({ request_code: requestCode(expired.key) })).html, /expired on \d{4}-\d\d-\d\d/);
  });

  test('format errors carry their located hint, and the form comes back filled in', async () => {
    const { key } = await t.order(PLAN);
    const good = requestCode(key);
    const typo = good.slice(0, 40) + (good[40] === 'X' ? 'Y' : 'X') + good.slice(41);
    const page = await activate({ request_code: typo });
    assert.equal(page.status, 400);
    assert.equal(errorTitleIn(page.html), CATALOG.REQUEST_CODE_FORMAT_INVALID.title);
    assert.match(page.html, /group \d+ has a typo/);
    assert.ok(page.html.includes(`>${typo}</textarea>`), 'the pasted code is kept for fixing');
    const short = await activate({ request_code: good.slice(0, -12) });
    assert.match(short.html, /characters short/);
    const instance = await activate({ license_key: key, instance_id: 'ABCD-EFGH' });
    assert.match(instance.html, /Instance ID: /);
  });

  test('hostile input is shown as text, never as markup', async () => {
    const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const page = await activate({ license_key: hostile, instance_id: hostile });
    assert.equal(page.status, 400);
    assert.ok(!page.html.includes('<script>alert'), 'no injected script');
    assert.ok(!page.html.includes('<img src=x'), 'no injected tag');
    assert.ok(page.html.includes('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'), 'escaped in the attribute');
    const textarea = await activate({ request_code: `</textarea><script>alert(3)</script>` });
    assert.ok(!textarea.html.includes('<script>alert(3)'));
  });

  test('the link in the app\'s QR code opens the page with the request code filled in, escaped, and nothing done yet', async () => {
    const code = requestCode(generateLicenseKey());
    const filled = await getPage(t.url, `/activate?request_code=${encodeURIComponent(code)}`);
    assert.equal(filled.status, 200);
    assert.match(filled.html, new RegExp(`<textarea id="request_code"[^>]*>${code}</textarea>`));
    assert.equal(activationCodeIn(filled.html), null, 'no activation code before the button is pressed');
    const hostile = await getPage(t.url, `/activate?request_code=${encodeURIComponent('</textarea><script>alert(4)</script>')}`);
    assert.equal(hostile.status, 200);
    assert.ok(!hostile.html.includes('<script>alert(4)'), 'shown as text');
  });

  test('a deactivation code frees exactly the slot it was made for; a forged or outdated one frees nothing', async () => {
    const { key, id } = await t.order({ ...PLAN, mode: 'offline', activation_limit: 1 });
    const instanceId = newInstanceId();
    const first = activationCodeIn((await activate({ request_code: requestCode(key, instanceId) })).html) as string;
    clock.advance(5 * 60_000); // certificates are kept to the minute: the next one differs
    const second = activationCodeIn((await activate({ request_code: requestCode(key, instanceId) })).html) as string;
    const codeFor = async (certificate: string, over: { instanceId?: string; licenseId?: number } = {}) =>
      encodeDeactivationCode({
        licenseId: over.licenseId ?? id,
        instanceId: over.instanceId ?? instanceId,
        certificateDigest: await certificateDigest(certificate, catalog),
        deactivatedAt: Date.now(),
      });
    const refusals = [
      await codeFor(first), // made from an older certificate than the instance's last one
      await codeFor(second, { instanceId: newInstanceId() }),
      await codeFor(second, { licenseId: id + 1 }),
      encodeDeactivationCode({ licenseId: id, instanceId, certificateDigest: '0123456789abcdef', deactivatedAt: Date.now() }),
    ];
    assert.notEqual(first, second);
    for (const code of refusals) {
      const page = await postForm(t.url, '/deactivate', { deactivation_code: code });
      assert.equal(page.status, 409);
      assert.equal(errorTitleIn(page.html), CATALOG.DEACTIVATION_CODE_MISMATCH.title);
      assert.match(page.html, /This deactivation code does not match the current activation of that instance/);
    }
    assert.equal(await usedSlots(key), 1);

    const freed = await postForm(t.url, '/deactivate', { deactivation_code: await codeFor(second) });
    assert.equal(freed.status, 200, errorTitleIn(freed.html) ?? '');
    assert.match(freed.html, /Activation slot freed/);
    assert.equal(await usedSlots(key), 0);
    const again = await postForm(t.url, '/deactivate', { deactivation_code: await codeFor(second) });
    assert.match(again.html, /already free/);
    assert.equal((await getPage(t.url, '/deactivate')).status, 200);
  });

  test('other methods are refused with Allow', async () => {
    const response = await fetch(`${t.url}/activate`, { method: 'PUT' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD, POST');
  });
});

describe('manual activation page rate limits', () => {
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority({ rateLimits: { perIp: { burst: 3, perSecond: 0.001 }, perKey: { burst: 100, perSecond: 1 } } });
  });
  after(() => t.close());

  test('share the public API per-IP budget and answer 429 with Retry-After on the page', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await getPage(t.url, '/activate')).status, 200);
    const limited = await postForm(t.url, '/activate', { license_key: 'x', instance_id: 'y' });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal(errorTitleIn(limited.html), CATALOG.RATE_LIMITED.title);
    assert.equal((await fetch(`${t.url}/license/validate`, { method: 'POST', body: '{}' })).status, 429, 'one budget with the JSON API');
  });
});

describe('deactivation guesses', () => {
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority({ rateLimits: { perIp: { burst: 1000, perSecond: 100 }, perKey: { burst: 3, perSecond: 0.001 } } });
  });
  after(() => t.close());

  test('ten forged codes for a license do not lock out its real code, which still frees the slot', async () => {
    const { key, id } = await t.order({ ...PLAN, mode: 'offline' });
    const instanceId = newInstanceId();
    const activated = activationCodeIn((await postForm(t.url, '/activate', { request_code: requestCode(key, instanceId) })).html);
    assert.ok(activated);
    const forged = (n: number, instance = newInstanceId()) =>
      postForm(t.url, '/deactivate', {
        deactivation_code: encodeDeactivationCode({ licenseId: id, instanceId: instance, certificateDigest: n.toString(16).padStart(16, '0'), deactivatedAt: Date.now() }),
      });
    for (let i = 0; i < 10; i++) {
      const page = await forged(i, i % 2 === 0 ? instanceId : newInstanceId());
      assert.deepEqual([page.status, errorCodeIn(page.html)], [409, 'DEACTIVATION_CODE_MISMATCH']);
    }
    const real = encodeDeactivationCode({ licenseId: id, instanceId, certificateDigest: await certificateDigest(activated, catalog), deactivatedAt: Date.now() });
    const freed = await postForm(t.url, '/deactivate', { deactivation_code: real });
    assert.equal(freed.status, 200, errorTitleIn(freed.html) ?? '');
    assert.match(freed.html, /Activation slot freed/);
    assert.equal((await t.admin('GET', `/admin/licenses/${id}`)).body.license.activations_used, 0);
  });

  test('forged codes still spend the per-address budget', async () => {
    const limited = await startTestAuthority({ rateLimits: { perIp: { burst: 4, perSecond: 0.001 }, perKey: { burst: 100, perSecond: 1 } } });
    try {
      const { id } = await limited.order(PLAN);
      const guess = () =>
        postForm(limited.url, '/deactivate', {
          deactivation_code: encodeDeactivationCode({ licenseId: id, instanceId: newInstanceId(), certificateDigest: '00'.repeat(8), deactivatedAt: Date.now() }),
        });
      for (let i = 0; i < 4; i++) assert.equal(errorCodeIn((await guess()).html), 'DEACTIVATION_CODE_MISMATCH');
      assert.equal((await guess()).status, 429);
    } finally {
      await limited.close();
    }
  });
});
