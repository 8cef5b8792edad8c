import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';

/*
 * The folder rules are what keeps the plain-Node core runnable without Electron (the browser host,
 * the tests and a vendor's Node product load it). A wrong import must fail lint, not a review.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint keeps each folder to where it runs', () => {
  test('Electron may be imported in electron/ and nowhere else', async () => {
    const electron = "import { app } from 'electron';\nexport const name = app.name;\n";
    const store = "import Store from 'electron-store';\nexport const s = Store;\n";
    assert.deepEqual(await restrictedImports('electron/example.ts', electron), []);
    for (const file of ['node-core/clock.ts', 'node-core/app/example.test.ts', 'shared/example.ts', 'renderer/example.ts', 'server/example.ts']) {
      assert.match((await restrictedImports(file, electron)).join('\n'), /Only electron\/ may use Electron/, file);
    }
    assert.match((await restrictedImports('node-core/store/example.ts', store)).join('\n'), /Only electron\/ may use Electron/);
  });

  test('node-core/ never reaches the Electron glue, the UI or (outside tests) the authority', async () => {
    assert.match((await restrictedImports('node-core/clock.ts', "import { setupWindow } from '../electron/window.ts';\nexport { setupWindow };\n")).join('\n'), /never the other way round/);
    assert.match((await restrictedImports('node-core/clock.ts', "import { createElement } from 'react';\nexport { createElement };\n")).join('\n'), /UI code stays in renderer/);
    const authority = "import { createAuthority } from '../server/authority.ts';\nexport { createAuthority };\n";
    assert.match((await restrictedImports('node-core/clock.ts', authority)).join('\n'), /does not depend on the authority/);
    assert.deepEqual(await restrictedImports('node-core/clock.test.ts', authority), []);
  });

  test('shared/, renderer/ and server/ do not reach into node-core/', async () => {
    const core = "import { createLicenseCore } from '../node-core/create-license-core.ts';\nexport { createLicenseCore };\n";
    for (const file of ['shared/example.ts', 'renderer/example.ts', 'server/example.ts']) assert.equal((await restrictedImports(file, core)).length, 1, file);
  });

  test('the vendor console (server/console/) is a browser bundle: React and shared/, the server only as types', async () => {
    const page = 'server/console/pages/example.tsx';
    assert.deepEqual(await restrictedImports(page, "import { useState } from 'react';\nimport { CATALOG } from '../../../shared/errors/catalog.ts';\nexport { useState, CATALOG };\n"), []);
    assert.deepEqual(await restrictedImports(page, "import type { planView } from '../../licensing/license-views.ts';\nexport type P = typeof planView;\n"), []);
    assert.match((await restrictedImports(page, "import { planView } from '../../licensing/license-views.ts';\nexport { planView };\n")).join('\n'), /only over HTTP/);
    assert.match((await restrictedImports(page, "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n")).join('\n'), /runs in the browser/);
    assert.match((await restrictedImports('server/http/example.ts', "import { useState } from 'react';\nexport { useState };\n")).join('\n'), /UI code stays in renderer/);
  });
});
