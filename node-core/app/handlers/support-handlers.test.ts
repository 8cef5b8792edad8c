import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { KeyholeError } from '../../../shared/errors/keyhole-error.ts';
import { checkBundle } from '../../../shared/support/bundle.ts';
import { manualClock } from '../../clock.ts';
import { createLicenseCore } from '../../create-license-core.ts';
import { staticIdentifierSource } from '../../fingerprint/identifier-source.ts';
import { closedPort } from '../../../tests/harness/core/loopback.ts';
import { OFFICE_PC } from '../../../tests/harness/core/machines.ts';
import { tempDir } from '../../../tests/harness/core/temp-dir.ts';
import { createTestSigner } from '../../replay/scenario-signer.ts';
import { createSupportVerbs } from './support-handlers.ts';

/* The support verbs over a real core: with and without the host's save dialog and file manager. */

async function core(dir: string) {
  const signer = createTestSigner();
  return createLicenseCore({
    dataDir: dir,
    product: signer.product,
    appVersion: '1.2.0',
    identifierSource: staticIdentifierSource(OFFICE_PC),
    clock: manualClock(Date.UTC(2026, 2, 1, 9, 30)),
    authorityUrl: `http://127.0.0.1:${await closedPort()}`,
    timeoutMs: 500,
    env: {},
  });
}

function verbsOver(c: Awaited<ReturnType<typeof core>>, platform = {}) {
  return createSupportVerbs({ bundle: (actionError) => c.support.buildBundle(actionError ? { actionError } : {}), describe: c.support.describe, logsFolder: c.logger.folder }, platform);
}

describe('support verbs', () => {
  const failed = { action: 'activate', error: { code: 'ACTIVATION_LIMIT_REACHED' as const, message: 'Activation limit reached', hint: 'all 5 in use' } };

  test('preview: the sealed bundle text, the plain-words lines, a file name; the failed action is recorded', async (t) => {
    const c = await core(tempDir(t));
    const preview = await verbsOver(c).previewSupportBundle(failed);
    const check = await checkBundle(JSON.parse(preview.text));
    assert.ok(check.ok && check.bundle.actionError?.error.code === 'ACTIVATION_LIMIT_REACHED');
    assert.ok(preview.preview.includes('Failed action: activate → ACTIVATION_LIMIT_REACHED'));
    assert.match(preview.fileName, /^keyhole-support-.+\.json$/);
  });

  test('save: into the chosen path with a dialog, nothing when cancelled, a download without one', async (t) => {
    const dir = tempDir(t);
    const c = await core(dir);
    const target = join(dir, 'chosen.json');
    const saved = await verbsOver(c, { chooseSavePath: async () => target }).saveSupportBundle();
    assert.deepEqual(saved, { saved: true, path: target, download: null });
    assert.ok((await checkBundle(JSON.parse(readFileSync(target, 'utf8')))).ok);
    assert.deepEqual(await verbsOver(c, { chooseSavePath: async () => null }).saveSupportBundle(), { saved: false, path: null, download: null });
    const handed = await verbsOver(c).saveSupportBundle(null);
    assert.equal(handed.saved, false);
    assert.ok(handed.download && (await checkBundle(JSON.parse(handed.download.text))).ok);
  });

  test('logs folder: opened by the file manager when there is one, else just named; none in a replay', async (t) => {
    const c = await core(tempDir(t));
    const opened: string[] = [];
    assert.deepEqual(await verbsOver(c, { openFolder: async (folder: string) => opened.push(folder) > 0 }).openLogsFolder(), { opened: true, folder: c.logger.folder });
    assert.deepEqual(opened, [c.logger.folder]);
    assert.deepEqual(await verbsOver(c).openLogsFolder(), { opened: false, folder: c.logger.folder });
    assert.ok(existsSync(c.logger.folder));
    const replay = createSupportVerbs({ bundle: () => c.support.buildBundle(), describe: c.support.describe, logsFolder: null });
    await assert.rejects(async () => replay.openLogsFolder(), KeyholeError);
  });
});
