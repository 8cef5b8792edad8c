import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseChromium, launchChromium, packagedChromium } from '../harness/browser/chromium.ts';

/*
 * `npm install && npm test` must work on a machine without a system Chromium: the browser tests
 * then drive the Chromium that ships inside an npm package. This launches that one for real.
 */

describe('the Chromium the browser tests drive', () => {
  test('KEYHOLE_CHROMIUM wins, then the system one, else the packaged one', () => {
    const only = (...present: string[]) => (path: string) => present.includes(path);
    assert.deepEqual(chooseChromium('/opt/c/chrome', only('/opt/c/chrome', '/usr/bin/chromium')), { path: '/opt/c/chrome', source: 'KEYHOLE_CHROMIUM' });
    assert.deepEqual(chooseChromium(undefined, only('/usr/bin/chromium')), { path: '/usr/bin/chromium', source: 'system' });
    assert.equal(chooseChromium(undefined, only()), undefined);
    assert.throws(() => chooseChromium('/nowhere/chrome', only('/usr/bin/chromium')), /KEYHOLE_CHROMIUM points at \/nowhere\/chrome/);
  });

  test('the packaged Chromium renders a page with no system Chromium involved', async () => {
    const path = await packagedChromium();
    assert.notEqual(path, '/usr/bin/chromium');
    const browser = await launchChromium(path);
    try {
      const page = await browser.newPage();
      await page.setContent('<main><h1>Keyhole</h1></main>');
      assert.equal(await page.textContent('h1'), 'Keyhole');
    } finally {
      await browser.close();
    }
  });
});
