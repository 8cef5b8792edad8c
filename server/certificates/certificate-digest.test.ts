import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeActivationCode, LATEST_CERTIFICATE_EXPIRY } from '../../shared/license/certificate.ts';
import { certificateDigest } from '../../shared/license/offline-codes.ts';
import type { CompactFingerprint } from '../../shared/license/fingerprint.ts';
import { newInstanceId } from '../../tests/harness/authority/test-authority.ts';
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

test('an activation is signed once per payload: the same minute gives the same code without signing again', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  let signed = 0;
  // Counts how often the issuer reaches for the private key, i.e. signs.
  const current = { id: 3, get privateKey() { signed++; return privateKey; } };
  const issuer = createCertificateIssuer({ productId: 'cache-test', pluginCatalog: CATALOG, onlineLeaseDays: 7, keys: { current, published: [] } });
  const license = { id: 9, expiresAt: null, plan: { id: 1, name: 'Pro', mode: 'online', plugins: ['sync'], versions: { min: 1, max: null } } } as unknown as LicenseRecord;
  const fingerprint = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };
  const one = { id: 1, instanceId: newInstanceId(), fingerprint } as ActivationRecord;
  const two = { id: 2, instanceId: newInstanceId(), fingerprint } as ActivationRecord;
  const minute = Date.UTC(2026, 0, 1, 12, 0);
  const first = issuer.issue(license, one, minute);
  assert.deepEqual(issuer.issue(license, one, minute + 30_000), first);
  assert.equal(signed, 1);
  assert.notEqual(issuer.issue(license, two, minute).code, first.code);
  assert.notEqual(issuer.issue(license, one, minute + 60_000).code, first.code, 'a new minute is a new certificate');
  assert.equal(signed, 3);
});

test('a license stored with an expiry past the last hour a certificate can name still gets its certificate, ending at that hour', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const issuer = createCertificateIssuer({ productId: 'far-expiry', pluginCatalog: CATALOG, onlineLeaseDays: 7, keys: { current: { id: 1, privateKey }, published: [] } });
  const license = {
    id: 7,
    expiresAt: Date.UTC(2200, 0, 1),
    plan: { id: 1, name: 'Pro', mode: 'airgapped', plugins: ['sync'], versions: { min: 1, max: null } },
  } as unknown as LicenseRecord;
  const activation = { id: 1, instanceId: newInstanceId(), fingerprint: { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 } } as unknown as ActivationRecord;
  const issued = issuer.issue(license, activation, Date.UTC(2026, 11, 1));
  assert.equal(decodeActivationCode(issued.code, CATALOG).payload.expiresAt, LATEST_CERTIFICATE_EXPIRY);
  assert.equal(new Date(LATEST_CERTIFICATE_EXPIRY).getUTCFullYear(), 2139);
});
