import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ensureBuilt } from '../../tests/harness/browser/app-under-test.ts';
import { requestJson, startTestAuthority, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';

/* The console's built files: public (sign-in needs them), only from dist-console/assets/, nothing else on disk. */

describe('console assets', () => {
  let t: TestAuthority;
  before(async () => {
    await ensureBuilt();
    t = await startTestAuthority();
  });
  after(() => t.close());

  test('the page names its script, which is served signed out with a long cache', async () => {
    const html = await (await fetch(`${t.url}/console/sign-in`)).text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, html);
    const res = await fetch(t.url + script);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(res.headers.get('cache-control') ?? '', /immutable/);
    assert.ok((await res.text()).length > 1000);
  });

  test('anything but a built asset is NOT_FOUND, never a file outside the folder', async () => {
    for (const path of ['/console/assets/nope.js', '/console/assets/..%2F..%2Fpackage.json', '/console/assets/index.html', '/console/assets/.hidden.js']) {
      const res = await requestJson(t.url + path);
      assert.equal(res.status, 404, path);
      assert.equal(res.body.error.code, 'NOT_FOUND', path);
    }
  });
});
