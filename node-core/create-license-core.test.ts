import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { createLicenseCore } from './create-license-core.ts';
import { staticIdentifierSource } from './fingerprint/identifier-source.ts';
import { OFFICE_PC } from '../tests/harness/core/machines.ts';
import { tempDir } from '../tests/harness/core/temp-dir.ts';
import { createTestSigner } from './replay/scenario-signer.ts';

const base = () => ({ product: createTestSigner().product, appVersion: '1.0.0', identifierSource: staticIdentifierSource(OFFICE_PC) });

test('the app keeps its store in KEYHOLE_APP_DATA_DIR when no folder is passed', (t) => {
  const dir = tempDir(t);
  const core = createLicenseCore({ ...base(), env: { KEYHOLE_APP_DATA_DIR: dir } });
  assert.equal(dirname(core.store.path), dir);
});

test("the authority's KEYHOLE_DATA_DIR does not steer the app's store", (t) => {
  assert.throws(() => createLicenseCore({ ...base(), env: { KEYHOLE_DATA_DIR: tempDir(t) } }), /needs a dataDir \(or KEYHOLE_APP_DATA_DIR\)/);
});
