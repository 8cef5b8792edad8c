import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { certificateDigest, encodeDeactivationCode, encodeRequestCode } from '../../shared/license/offline-codes.ts';
import { verifyActivationCode } from '../../shared/license/signing.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { initDataDir, openDataDir } from '../../server/authority-data.ts';
import { systemClock } from '../../server/clock.ts';
import { publicKeySet } from '../../server/keys/signing-keys.ts';
import * as admin from '../../server/licensing/admin-service.ts';
import { listAudit } from '../../server/licensing/audit-log.ts';
import { loadProductConfig } from '../../server/product-config.ts';
import { makeTempDir, newInstanceId } from '../harness/authority/test-authority.ts';
import { runCli } from '../harness/authority/spawn-authority.ts';

/* `keyhole offline activate|deactivate` as a vendor runs them, in their own process on a real data dir. */

const product = loadProductConfig();
const catalog = pluginCatalog(product);
const FINGERPRINT = { machineId: 7, systemUuid: 8, baseboardSerial: 0, diskSerial: 9, cpu: 10, mac: 11 };

describe('keyhole offline', () => {
  const root = makeTempDir('keyhole-offline-cli-');
  const dataDir = join(root, 'authority');
  const data = ['--data', dataDir];
  let license: { key: string; id: number };
  after(() => rmSync(root, { recursive: true, force: true }));
  before(async () => {
    await initDataDir(dataDir, product, systemClock);
    const opened = await openDataDir(dataDir, product, systemClock);
    try {
      const plan = await admin.createPlan(opened.context, { name: 'Site', activationLimit: 1, expiry: null, mode: 'offline', plugins: ['reports'], versions: { min: 0, max: null } });
      license = await admin.createOrder(opened.context, plan.id);
    } finally {
      await opened.close();
    }
  });

  const requestCode = (instanceId: string) =>
    encodeRequestCode({ licenseKey: license.key, instanceId, fingerprint: FINGERPRINT, appVersion: { major: 1, minor: 0, patch: 0 }, createdAt: Date.now() });

  test('activate prints the activation code; deactivate frees the slot for the next machine', async () => {
    const instanceId = newInstanceId();
    const activated = runCli(['offline', 'activate', requestCode(instanceId), ...data]);
    assert.equal(activated.status, 0, activated.stderr);
    const code = activated.stdout.trim();
    assert.match(code, /^KA-[0-9A-Z-]+$/, 'the code alone on stdout');
    assert.match(activated.stderr, new RegExp(`For Instance ID ${instanceId}: .*1 of 1 activations in use`));
    const opened = await openDataDir(dataDir, product, systemClock);
    const keySet = publicKeySet(product.productId, opened.keys);
    await opened.close();
    const { payload } = await verifyActivationCode(code, keySet, catalog);
    assert.deepEqual([payload.instanceId, payload.mode, payload.fingerprint], [instanceId, 'offline', FINGERPRINT]);

    const second = runCli(['offline', 'activate', requestCode(newInstanceId()), ...data, '--json']);
    assert.equal(second.status, 1);
    assert.equal(JSON.parse(second.stdout).error.code, 'ACTIVATION_LIMIT_REACHED');
    assert.match(second.stderr, new RegExp(`^keyhole: ${CATALOG.ACTIVATION_LIMIT_REACHED.title}: .*\\[ACTIVATION_LIMIT_REACHED\\]\\n$`));

    const deactivationCode = encodeDeactivationCode({ licenseId: license.id, instanceId, certificateDigest: await certificateDigest(code, catalog), deactivatedAt: Date.now() });
    const freed = runCli(['offline', 'deactivate', deactivationCode, ...data, '--json']);
    assert.equal(freed.status, 0, freed.stderr);
    assert.deepEqual([JSON.parse(freed.stdout).already_free, JSON.parse(freed.stdout).license.activations_used], [false, 0]);
    const next = runCli(['offline', 'activate', requestCode(newInstanceId()), ...data, '--json']);
    assert.equal(next.status, 0, next.stderr);
    assert.match(JSON.parse(next.stdout).certificate, /^KA-/);

    // Each is the vendor's change, in the audit log under the OS user who ran the CLI; the refused one is not.
    const check = await openDataDir(dataDir, product, systemClock);
    try {
      const { events } = await listAudit(check.context, { license: String(license.id), limit: 10 });
      const me = `cli:${userInfo().username}`;
      assert.deepEqual(
        events.filter((e) => e.action.startsWith('activation.')).map((e) => [e.actor, e.action, (e.after as { status: string }).status]),
        [[me, 'activation.offline_activate', 'active'], [me, 'activation.offline_deactivate', 'deactivated'], [me, 'activation.offline_activate', 'active']],
      );
      assert.equal((events.find((e) => e.action === 'activation.offline_deactivate')?.after as { instance_id: string }).instance_id, instanceId);
    } finally {
      await check.close();
    }
  });

  test('a damaged or foreign code is refused with its catalog error and hint', async () => {
    const typo = requestCode(newInstanceId()).replace(/-(\w)/, (_, ch: string) => `-${ch === 'A' ? 'B' : 'A'}`);
    const damaged = runCli(['offline', 'activate', typo, ...data]);
    assert.equal(damaged.status, 1);
    assert.match(damaged.stderr, /^keyhole: Invalid request code format: group 1 has a typo.*\[REQUEST_CODE_FORMAT_INVALID\]\n$/);
    const forged = encodeDeactivationCode({ licenseId: license.id, instanceId: newInstanceId(), certificateDigest: 'ffffffffffffffff', deactivatedAt: Date.now() });
    const cut = runCli(['offline', 'deactivate', forged.slice(0, -4), ...data, '--json']);
    assert.equal(cut.status, 1);
    assert.equal(JSON.parse(cut.stdout).error.code, 'DEACTIVATION_CODE_FORMAT_INVALID');
    assert.match(cut.stderr, /^keyhole: Invalid deactivation code format: the code is 4 characters short.*\[DEACTIVATION_CODE_FORMAT_INVALID\]\n$/);
    const refused = runCli(['offline', 'deactivate', forged, ...data]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /\[DEACTIVATION_CODE_MISMATCH\]/);
    assert.equal(runCli(['offline', 'activate', ...data]).status, 2, 'the code is required');
  });
});
