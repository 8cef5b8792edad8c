import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { createLicenseCore } from '../../node-core/create-license-core.ts';
import { staticIdentifierSource } from '../../node-core/fingerprint/identifier-source.ts';
import { formatReproduction } from '../../server/support/format-reproduction.ts';
import { reproduceBundle } from '../../server/support/reproduce.ts';
import { startDemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { OFFICE_PC } from '../harness/core/machines.ts';
import { tempDir } from '../harness/core/temp-dir.ts';

/*
 * Support ties a customer's error to the authority's log line by one id: the authority names every
 * request (x-request-id), the app keeps that id with the failed action, the error panel and the
 * support bundle carry it, reproduce prints it, and `keyhole log find` finds the line.
 */

const KEYHOLE_BIN = join(import.meta.dirname, '..', '..', 'bin', 'keyhole.js');

test("a refused activation's request id reaches the bundle, the reproduction and the authority's log line", async (t) => {
  const authority = await startDemoAuthority({ dataDir: tempDir(t) });
  t.after(() => authority.close());
  const core = createLicenseCore({
    dataDir: tempDir(t),
    product: authority.productConfig,
    appVersion: '1.4.0',
    identifierSource: staticIdentifierSource(OFFICE_PC),
    env: {},
    timeoutMs: 3000,
  });
  const key = authority.keys.find((k) => k.name === 'limit-reached')?.key as string;

  let refused: KeyholeError | undefined;
  try {
    await core.service.activateOnline(key);
  } catch (error) {
    refused = error as KeyholeError;
  }
  assert.equal(refused?.code, 'ACTIVATION_LIMIT_REACHED');
  const requestId = refused?.details?.['requestId'];
  assert.equal(typeof requestId, 'string');
  assert.match(requestId as string, /^[A-Za-z0-9._-]{8,64}$/);

  const bundle = await core.support.buildBundle({ actionError: { action: 'activate', error: (refused as KeyholeError).toInfo() } });
  assert.ok(bundle.events.some((event) => event.action === 'activate' && event.requestId === requestId), JSON.stringify(bundle.events));
  assert.equal(bundle.actionError?.error.details?.['requestId'], requestId);

  const report = formatReproduction(await reproduceBundle(bundle, { productId: authority.productConfig.productId, keys: authority.productConfig.publicKeys }, pluginCatalog(authority.productConfig)));
  assert.match(report, new RegExp(`Request id: +${requestId}  \\(on the authority: keyhole log find ${requestId}\\)`));
  assert.match(report, new RegExp(`activate → ACTIVATION_LIMIT_REACHED \\(HTTP 409, \\d+ ms, request ${requestId}\\)`));

  // The log gathers lines for up to 100 ms before writing them: support may have to look twice.
  const find = () => spawnSync(process.execPath, [KEYHOLE_BIN, 'log', 'find', requestId as string, '--data', authority.dataDir], { encoding: 'utf8', timeout: 60_000 });
  let found = find();
  for (let tries = 0; tries < 5 && found.status !== 0; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    found = find();
  }
  assert.equal(found.status, 0, found.stderr);
  assert.match(found.stdout, new RegExp(`${requestId}  POST /license/activate → 409`));
});
