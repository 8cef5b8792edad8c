import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { certificateDigest } from '../../shared/license/offline-codes.ts';
import type { CompactFingerprint } from '../../shared/license/fingerprint.ts';
import { newInstanceId } from '../testing/test-authority.ts';
import type { ActivationRecord, LicenseRecord } from '../storage/storage.ts';
import { createCertificateIssuer } from './issue-certificate.ts';

const CATALOG = ['reports', 'sync', 'audit'];

test('the digest recorded at signing is the one shared certificateDigest reads from the code', async () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const issuer = createCertificateIssuer({ productId: 'digest-test', pluginCatalog: CATALOG, onlineLeaseDays: 7, keys: { current: { id: 3, privateKey }, published: [] } });
  const component = fc.integer({ min: 0, max: 63 });
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 2 ** 32 - 1 }),
      fc.constantFrom('online', 'airgapped', 'offline'),
      fc.record({ machineId: component, systemUuid: component, baseboardSerial: component, diskSerial: component, cpu: component, mac: component }),
      fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
      async (licenseId, mode, fingerprint: CompactFingerprint, now) => {
        const license = {
          id: licenseId,
          expiresAt: null,
          plan: { id: 1, name: 'Pro', mode, plugins: ['sync'], versions: { min: 1, max: null } },
        } as unknown as LicenseRecord;
        const activation = { instanceId: newInstanceId(), fingerprint } as ActivationRecord;
        const issued = issuer.issue(license, activation, now);
        assert.equal(issued.digest, await certificateDigest(issued.code, CATALOG));
        assert.match(issued.digest, /^[0-9a-f]{16}$/);
      },
    ),
    { numRuns: 40 },
  );
});
