import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { createTestDatabase } from '../../tests/harness/authority/postgres-test-database.ts';
import { makeTempDir } from '../../tests/harness/authority/test-authority.ts';
import { decryptKey, encryptKey, hashSecret } from './key-crypto.ts';
import { openPostgresStorage } from './postgres-storage.ts';
import { openSqliteStorage } from './sqlite-storage.ts';
import type { LicenseRecord, PlanTerms, Storage } from './storage.ts';

/*
 * One contract, every backend: each case runs against SQLite and against PostgreSQL. `peers` are
 * two handles on the same data as two authority processes would hold them: for SQLite the one
 * storage of a process (its queue is what serializes), for PostgreSQL two separate pools.
 */

const TERMS: PlanTerms = { name: 'Pro', activationLimit: 2, expiry: null, mode: 'online', plugins: ['reports'], versions: { min: 1, max: null } };
const FP = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };

interface Opened {
  readonly peers: readonly [Storage, Storage];
  close(): Promise<void>;
}

const BACKENDS: readonly { readonly name: string; open(t: TestContext): Promise<Opened | null> }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = makeTempDir();
      const storage = openSqliteStorage(join(dir, 'keyhole.db'));
      return {
        peers: [storage, storage],
        close: async () => {
          await storage.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    async open(t) {
      const database = await createTestDatabase(t);
      if (!database) return null;
      const one = await openPostgresStorage(database.url);
      const two = await openPostgresStorage(database.url);
      return {
        peers: [one, two],
        close: async () => {
          await Promise.all([one.close(), two.close()]);
          await database.drop();
        },
      };
    },
  },
];

async function orderLicense(storage: Storage, id: number, key: string, secret: Uint8Array, activationLimit: number | null = 2): Promise<LicenseRecord> {
  const plan = await storage.createPlan({ ...TERMS, activationLimit }, 1000);
  const license = await storage.createOrder(plan.id, {
    id, keyHash: hashSecret(key), keyCiphertext: encryptKey(key, secret), expiresAt: null, activationLimit,
    plan: { id: plan.id, name: plan.name, mode: plan.mode, plugins: plan.plugins, versions: plan.versions, releaseLimit: plan.releaseLimit },
    createdAt: 1000,
  });
  assert.notEqual(license, 'id-taken');
  return license as LicenseRecord;
}

const CASES: readonly { readonly name: string; run(opened: Opened): Promise<void> }[] = [
  {
    name: 'trials: plans may be trials, one trial per Instance ID, candidates by Instance ID or any known fingerprint component',
    async run({ peers: [storage, other] }) {
      const plan = await storage.createPlan({ ...TERMS, name: 'Trial', mode: 'trial', expiry: { value: 14, unit: 'days' } }, 1000);
      assert.equal((await other.findPlan(plan.id))?.mode, 'trial');
      await orderLicense(storage, 90, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-GGGGG', new Uint8Array(32));
      await orderLicense(storage, 91, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-HHHHH', new Uint8Array(32));
      const first = await storage.insertTrial({ licenseId: 90, instanceId: 'T-1', fingerprint: FP, createdAt: 5000 });
      assert.notEqual(first, 'instance-taken');
      assert.deepEqual(await other.findTrialCandidates('T-1', { machineId: 0, systemUuid: 0, baseboardSerial: 0, diskSerial: 0, cpu: 0, mac: 0 }), [first]);
      assert.equal(await other.insertTrial({ licenseId: 91, instanceId: 'T-1', fingerprint: FP, createdAt: 6000 }), 'instance-taken');
      // Another Instance ID sharing only the CPU is a candidate (the rule decides); unknown (0) matches nothing.
      const sharesCpu = { machineId: 9, systemUuid: 9, baseboardSerial: 9, diskSerial: 9, cpu: FP.cpu, mac: 9 };
      assert.deepEqual((await other.findTrialCandidates('T-2', sharesCpu)).map((trial) => trial.licenseId), [90]);
      assert.deepEqual(await other.findTrialCandidates('T-2', { ...sharesCpu, cpu: 0 }), []);
      const withZero = await storage.insertTrial({ licenseId: 91, instanceId: 'T-3', fingerprint: { ...FP, machineId: 0, mac: 20 }, createdAt: 7000 });
      assert.notEqual(withZero, 'instance-taken');
      assert.deepEqual(await other.findTrialCandidates('T-4', { machineId: 0, systemUuid: 0, baseboardSerial: 0, diskSerial: 0, cpu: 0, mac: 0 }), []);
      assert.deepEqual((await other.findTrialCandidates('T-4', { ...FP, mac: 20 })).map((trial) => trial.instanceId), ['T-1', 'T-3']);
    },
  },
  {
    name: 'keeps the key only as hash and ciphertext, and one live slot per instance',
    async run({ peers: [storage] }) {
      const secret = new Uint8Array(32).fill(9);
      const key = 'KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE';
      const license = await orderLicense(storage, 77, key, secret);
      assert.equal(await storage.createOrder(license.plan.id, { ...license }), 'id-taken');
      const found = await storage.findLicenseByKeyHash(hashSecret(key));
      assert.equal(found?.id, 77);
      assert.equal(decryptKey(found?.keyCiphertext as Uint8Array, secret), key);
      assert.doesNotMatch(Buffer.from(found?.keyCiphertext as Uint8Array).toString('latin1'), /AAAAA/);

      const a = { licenseId: 77, instanceId: 'I-1', instanceName: null, metadata: { os: 'Linux' }, fingerprint: FP, at: 2000 };
      const first = await storage.insertActivation(a);
      assert.deepEqual([first.metadata, first.fingerprint, first.lastSeenAt], [{ os: 'Linux' }, FP, 2000]);
      await assert.rejects(storage.insertActivation(a), /unique/i);
      assert.equal(await storage.countLiveActivations(77), 1);
      assert.equal(await storage.endAllActivations(77, 3000, 'revoked'), 1);
      await storage.insertActivation(a);
      assert.equal((await storage.findLatestActivation(77, 'I-1'))?.endReason, null);
      assert.equal((await storage.listActivations(77)).length, 2);
    },
  },
  {
    name: 'reads a license with the live activation of one instance in one call',
    async run({ peers: [storage] }) {
      const key = 'KH-AAAAA-BBBBB-CCCCC-DDDDD-GGGGG';
      await orderLicense(storage, 79, key, new Uint8Array(32));
      const hash = hashSecret(key);
      const before = await storage.findLicenseWithLiveActivation(hash, 'I-3');
      assert.deepEqual([before?.license.id, before?.live], [79, undefined]);
      const inserted = await storage.insertActivation({ licenseId: 79, instanceId: 'I-3', instanceName: 'Desk', metadata: { os: 'Linux' }, fingerprint: FP, at: 10 });
      await storage.setCertificateDigest(inserted.id, 'digest-1');
      const found = await storage.findLicenseWithLiveActivation(hash, 'I-3');
      assert.deepEqual(found?.live, await storage.findLiveActivation(79, 'I-3'));
      assert.deepEqual(found?.license, await storage.findLicenseByKeyHash(hash));
      assert.deepEqual([found?.live?.instanceName, found?.live?.metadata, found?.live?.certificateDigest, found?.license.liveActivations], ['Desk', { os: 'Linux' }, 'digest-1', 1]);
      assert.equal((await storage.findLicenseWithLiveActivation(hash, 'I-other'))?.live, undefined);
      await storage.endActivation(inserted.id, 20, 'deactivated');
      assert.equal((await storage.findLicenseWithLiveActivation(hash, 'I-3'))?.live, undefined, 'an ended activation is not live');
      assert.equal(await storage.findLicenseWithLiveActivation(hashSecret('KH-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ'), 'I-3'), undefined);
    },
  },
  {
    name: 'refresh changes only what it is given; ending twice reports the second as no change',
    async run({ peers: [storage] }) {
      await orderLicense(storage, 78, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-FFFFF', new Uint8Array(32));
      const activation = await storage.insertActivation({ licenseId: 78, instanceId: 'I-2', instanceName: 'Desk', metadata: {}, fingerprint: FP, at: 1 });
      await storage.refreshActivation(activation.id, { at: 5 });
      const refreshed = await storage.findActivation(activation.id);
      assert.deepEqual([refreshed?.lastSeenAt, refreshed?.instanceName, refreshed?.fingerprint], [5, 'Desk', FP]);
      await storage.refreshActivation(activation.id, { at: 6, instanceName: null, metadata: { a: 'b' } });
      const renamed = await storage.findActivation(activation.id);
      assert.deepEqual([renamed?.instanceName, renamed?.metadata], [null, { a: 'b' }]);
      assert.equal(await storage.endActivation(activation.id, 7, 'deactivated'), true);
      assert.equal(await storage.endActivation(activation.id, 8, 'deactivated'), false);
      assert.deepEqual(await storage.listReleaseTimes(78, 0), [7]);
    },
  },
  {
    name: 'orders keep their customer and are found by email or name prefix, order number, reference, key groups or Instance ID, newest first',
    async run({ peers: [storage, other] }) {
      const plan = await storage.createPlan(TERMS, 1000);
      const snapshot = { id: plan.id, name: plan.name, mode: plan.mode, plugins: plan.plugins, versions: plan.versions, releaseLimit: plan.releaseLimit };
      const sell = (id: number, email: string, name: string, reference: string | null, head: string, expiresAt: number | null = null) =>
        storage.createOrder(
          plan.id,
          { id, keyHash: `h${id}`, keyCiphertext: new Uint8Array([id]), expiresAt, activationLimit: 2, plan: snapshot, createdAt: 1000 + id },
          { customer: { email, name, reference }, idempotencyKey: `idem-${id}`, keyGroups: { head, tail: 'S8P0T' } },
        );
      await sell(1, 'Ada@Example.com', 'Ada Lovelace', 'shop-1', 'AAAAA');
      await sell(2, 'grace@example.com', 'Grace Hopper', null, 'M57YF', 50_000);
      await sell(3, 'adam@example.org', 'Adam Smith', 'shop-3', 'BBBBB');
      await storage.insertActivation({ licenseId: 2, instanceId: 'inst-grace', instanceName: null, metadata: {}, fingerprint: FP, at: 5 });
      const ids = async (query: Partial<Parameters<Storage['searchOrders']>[0]>) =>
        (await other.searchOrders({ now: 10_000, limit: 10, ...query })).map((found) => found.license.id);

      assert.deepEqual(await ids({ match: { textPrefix: 'ada' } }), [3, 1], 'email prefix, case-insensitive, newest first');
      assert.deepEqual(await ids({ match: { textPrefix: 'grace h' } }), [2], 'name prefix');
      assert.deepEqual(await ids({ match: { reference: 'shop-3' } }), [3]);
      assert.deepEqual(await ids({ match: { keyGroups: { head: 'M57YF', tail: 'S8P0T' } } }), [2]);
      assert.deepEqual(await ids({ match: { instanceId: 'inst-grace' } }), [2]);
      assert.deepEqual(await ids({ match: { textPrefix: 'nobody' } }), []);
      assert.deepEqual(await ids({}), [3, 2, 1]);
      assert.deepEqual(await ids({ limit: 2 }), [3, 2], 'a page');
      const firstPage = await other.searchOrders({ now: 10_000, limit: 2 });
      assert.deepEqual(await ids({ beforeOrderId: firstPage.at(-1)?.order.id }), [1], 'the next page starts after the last order seen');
      assert.deepEqual(await ids({ expiresBy: 60_000 }), [2], 'expiring soon');
      assert.deepEqual(await ids({ status: 'expired', now: 60_000 }), [2]);
      await storage.deactivateLicense(1, 7);
      assert.deepEqual(await ids({ status: 'deactivated' }), [1]);
      assert.deepEqual(await ids({ status: 'active' }), [3, 2]);

      const found = await other.findOrder((await other.searchOrders({ now: 0, limit: 1, match: { reference: 'shop-1' } }))[0]?.order.id as number);
      assert.deepEqual(found?.order.customer, { email: 'Ada@Example.com', name: 'Ada Lovelace', reference: 'shop-1' }, 'kept as given');
      assert.equal((await other.findOrderByRetryKey('idem-2', null))?.license.id, 2);
      assert.equal((await other.findOrderByRetryKey('unknown', 'shop-3'))?.license.id, 3);
      assert.equal(await other.findOrderByRetryKey('unknown', null), undefined);
      await assert.rejects(sell(4, 'x@example.com', 'X', 'shop-1', 'CCCCC'), /unique/i, 'one order per external reference');
    },
  },
  {
    name: 'activations page by id, oldest first',
    async run({ peers: [storage] }) {
      await orderLicense(storage, 80, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-HHHHH', new Uint8Array(32), null);
      for (let i = 0; i < 5; i++) {
        await storage.insertActivation({ licenseId: 80, instanceId: `I-${i}`, instanceName: null, metadata: {}, fingerprint: FP, at: i });
      }
      const first = await storage.listActivationsPage(80, 0, 3);
      assert.deepEqual(first.map((a) => a.instanceId), ['I-0', 'I-1', 'I-2']);
      const rest = await storage.listActivationsPage(80, first.at(-1)?.id as number, 3);
      assert.deepEqual(rest.map((a) => a.instanceId), ['I-3', 'I-4']);
    },
  },
  {
    name: 'console users: one per email, a sign-in link works once and not after it expires, sessions expire',
    async run({ peers: [storage, other] }) {
      const user = await storage.addConsoleUser({ email: 'ops@example.com', role: 'support', createdAt: 1 });
      assert.notEqual(user, 'email-taken');
      const id = (user as { id: number }).id;
      assert.equal(await other.addConsoleUser({ email: 'ops@example.com', role: 'admin', createdAt: 2 }), 'email-taken');
      await storage.addSignInLink({ tokenHash: 'link', userId: id, expiresAt: 100 });
      await storage.addSignInLink({ tokenHash: 'old', userId: id, expiresAt: 10 });
      assert.equal(await other.useSignInLink('old', 50), undefined, 'expired');
      assert.equal((await other.useSignInLink('link', 50))?.email, 'ops@example.com');
      assert.equal(await storage.useSignInLink('link', 51), undefined, 'single use');
      await storage.setConsolePassword(id, 'scrypt$hash');
      assert.equal((await other.findConsoleUserByEmail('ops@example.com'))?.passwordHash, 'scrypt$hash');
      await storage.addConsoleSession({ tokenHash: 's1', userId: id, csrfToken: 'c1', createdAt: 1, expiresAt: 200 });
      assert.deepEqual([(await other.findConsoleSession('s1', 100))?.user.role, (await other.findConsoleSession('s1', 100))?.csrfToken], ['support', 'c1']);
      assert.equal(await other.findConsoleSession('s1', 200), undefined, 'expired');
      await storage.deleteConsoleSession('s1');
      assert.equal(await other.findConsoleSession('s1', 100), undefined, 'signed out');
    },
  },
  {
    name: 'a throw inside a transaction leaves nothing behind',
    async run({ peers: [storage] }) {
      await assert.rejects(
        storage.transaction(async (tx) => {
          await tx.createPlan(TERMS, 1);
          throw new Error('rule failed');
        }),
        /rule failed/,
      );
      assert.equal((await storage.listPlans()).length, 0);
    },
  },
  {
    name: 'calling the storage instead of the handle inside a transaction fails at once instead of hanging',
    async run({ peers: [storage] }) {
      await assert.rejects(
        storage.transaction(() => storage.listPlans()),
        /inside a transaction: use the transaction's handle \(tx\.listPlans\)/,
      );
      assert.deepEqual(await storage.listPlans(), [], 'the storage still answers afterwards');
    },
  },
  {
    name: 'a limit checked under the license lock holds when both processes race for the last slots',
    async run({ peers }) {
      const license = await orderLicense(peers[0], 79, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-GGGGG', new Uint8Array(32), 5);
      const attempt = (i: number) =>
        (peers[i % 2] as Storage).transaction(async (tx) => {
          const locked = await tx.findLicenseById(license.id);
          const used = await tx.countLiveActivations(license.id);
          if (used >= (locked?.activationLimit ?? 0)) return 'refused';
          await tx.insertActivation({ licenseId: license.id, instanceId: `I-${i}`, instanceName: null, metadata: {}, fingerprint: FP, at: i });
          return 'activated';
        });
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i)));
      assert.equal(results.filter((r) => r === 'activated').length, 5);
      assert.equal(await peers[1].countLiveActivations(license.id), 5);
    },
  },
  {
    name: 'the live count on the license follows every insert and end, in and outside transactions, and rolls back with them',
    async run({ peers: [storage, peer] }) {
      const key = 'KH-AAAAA-BBBBB-CCCCC-DDDDD-HHHHH';
      const license = await orderLicense(storage, 80, key, new Uint8Array(32), null);
      const other = await orderLicense(storage, 81, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-JJJJJ', new Uint8Array(32), null);
      const counts = async () => [
        await peer.countLiveActivations(license.id),
        (await peer.findLicenseByKeyHash(hashSecret(key)))?.liveActivations,
        await peer.countLiveActivations(other.id),
      ];
      const insert = (instanceId: string, licenseId = license.id) =>
        storage.insertActivation({ licenseId, instanceId, instanceName: null, metadata: {}, fingerprint: FP, at: 1 });
      assert.deepEqual(await counts(), [0, 0, 0]);
      const a = await insert('I-A');
      await insert('I-B');
      await storage.transaction(async (tx) => {
        await tx.insertActivation({ licenseId: license.id, instanceId: 'I-C', instanceName: null, metadata: {}, fingerprint: FP, at: 2 });
      });
      await insert('I-X', other.id);
      assert.deepEqual(await counts(), [3, 3, 1], 'activate');
      assert.equal(await storage.endActivation(a.id, 3, 'deactivated'), true);
      assert.equal(await storage.endActivation(a.id, 4, 'deactivated'), false);
      assert.deepEqual(await counts(), [2, 2, 1], 'deactivate, and ending twice counts once');
      await assert.rejects(
        storage.transaction(async (tx) => {
          await tx.endAllActivations(license.id, 5, 'revoked');
          await tx.insertActivation({ licenseId: license.id, instanceId: 'I-D', instanceName: null, metadata: {}, fingerprint: FP, at: 5 });
          throw new Error('rule failed');
        }),
        /rule failed/,
      );
      assert.deepEqual(await counts(), [2, 2, 1], 'a rolled-back transaction changes no count');
      assert.equal(await storage.transaction((tx) => tx.endAllActivations(license.id, 6, 'revoked')), 2);
      assert.deepEqual(await counts(), [0, 0, 1], 'revoke all (key regeneration) empties only this license');
      await insert('I-A');
      assert.deepEqual(await counts(), [1, 1, 1], 'the same instance may come back');
    },
  },
  {
    name: 'admin tokens: stored with their expiry, revoked once, last use recorded',
    async run({ peers: [storage] }) {
      const token = await storage.addAdminToken({ tokenHash: 'ab', label: 'ci', createdAt: 1000, expiresAt: 5000 });
      assert.deepEqual([token.expiresAt, token.revokedAt, token.lastUsedAt], [5000, null, null]);
      await storage.recordAdminTokenUse(token.id, 2000);
      assert.equal(await storage.revokeAdminToken(token.id, 3000), true);
      assert.equal(await storage.revokeAdminToken(token.id, 4000), false, 'already revoked');
      assert.deepEqual((await storage.listAdminTokens()).map((t) => [t.lastUsedAt, t.revokedAt]), [[2000, 3000]]);
    },
  },
  {
    name: 'audit events: kept with who, what and before/after, listed newest first with filters and keyset paging',
    async run({ peers: [one, two] }) {
      const event = (at: number, actor: string, action: string, licenseId: number | null) => ({
        at, actor, action, licenseId, orderId: licenseId === null ? null : 1, planId: 3,
        before: '{"limit":2}', after: '{"limit":5}', requestId: `req-${at}`,
      });
      await one.transaction(async (tx) => {
        await tx.addAuditEvent(event(100, 'token:ci', 'license.limit', 7));
        await tx.addAuditEvent(event(200, 'console:ann@example.com', 'license.expiry', 7));
      });
      await one.addAuditEvent(event(300, 'cli:root', 'plan.create', null));
      const all = await two.listAuditEvents({ limit: 10 });
      assert.deepEqual(all.map((e) => e.at), [300, 200, 100]);
      assert.deepEqual(
        { ...all[1], id: 0 },
        { id: 0, ...event(200, 'console:ann@example.com', 'license.expiry', 7) },
      );
      assert.deepEqual((await two.listAuditEvents({ licenseId: 7, limit: 10 })).map((e) => e.at), [200, 100]);
      assert.deepEqual((await two.listAuditEvents({ actor: 'cli:root', limit: 10 })).map((e) => e.action), ['plan.create']);
      assert.deepEqual((await two.listAuditEvents({ action: 'license.limit', limit: 10 })).map((e) => e.at), [100]);
      assert.deepEqual((await two.listAuditEvents({ since: 200, until: 300, limit: 10 })).map((e) => e.at), [200]);
      const first = await two.listAuditEvents({ limit: 2 });
      const next = await two.listAuditEvents({ beforeId: first.at(-1)?.id as number, limit: 2 });
      assert.deepEqual([...first, ...next].map((e) => e.at), [300, 200, 100]);
      await assert.rejects(
        one.transaction(async (tx) => {
          await tx.addAuditEvent(event(400, 'token:ci', 'license.limit', 7));
          throw new Error('the change failed');
        }),
      );
      assert.equal((await two.listAuditEvents({ limit: 10 })).length, 3, 'an event rolls back with its change');
    },
  },
  {
    name: 'refusal counts: added per code and hour, summed since an hour; the overview counts',
    async run({ peers: [one, two] }) {
      await one.addRefusalCounts([{ code: 'LICENSE_EXPIRED', hour: 0, count: 2 }, { code: 'LICENSE_INVALID', hour: 3_600_000, count: 1 }]);
      await two.addRefusalCounts([{ code: 'LICENSE_EXPIRED', hour: 3_600_000, count: 3 }, { code: 'LICENSE_EXPIRED', hour: 0, count: 1 }]);
      assert.deepEqual(await one.countRefusals(0), [{ code: 'LICENSE_EXPIRED', count: 6 }, { code: 'LICENSE_INVALID', count: 1 }]);
      assert.deepEqual(await one.countRefusals(3_600_000), [{ code: 'LICENSE_EXPIRED', count: 3 }, { code: 'LICENSE_INVALID', count: 1 }]);

      const secret = new Uint8Array(32).fill(4);
      const soon = await orderLicense(one, 10, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', secret);
      const later = await orderLicense(one, 11, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-FFFFF', secret);
      await orderLicense(one, 12, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-GGGGG', secret);
      const gone = await orderLicense(one, 13, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-HHHHH', secret);
      await one.setExpiry(soon.id, 50_000);
      await one.setExpiry(later.id, 90_000);
      await one.setExpiry(gone.id, 60_000);
      await one.deactivateLicense(gone.id, 2000);
      assert.equal(await two.countActiveLicenses(40_000), 3);
      assert.equal(await two.countActiveLicenses(60_000), 2, 'one expired, one deactivated');
      const expiring = await two.findExpiringLicenses(40_000, 100_000, 1);
      assert.equal(expiring.count, 2);
      assert.deepEqual(expiring.first.map((l) => l.id), [soon.id]);
      const at = (t: number, instanceId: string) => ({ licenseId: soon.id, instanceId, instanceName: null, metadata: {}, fingerprint: FP, at: t });
      await one.transaction(async (tx) => {
        await tx.insertActivation(at(1000, 'I-1'));
        await tx.insertActivation(at(5000, 'I-2'));
      });
      assert.deepEqual([await two.countActivationsSince(0), await two.countActivationsSince(5000)], [2, 1]);
    },
  },
  {
    name: 'console sessions: expired ones are deleted, live ones kept',
    async run({ peers: [one, two] }) {
      const user = await one.addConsoleUser({ email: 'ann@example.com', role: 'admin', createdAt: 1 });
      assert.notEqual(user, 'email-taken');
      const userId = (user as { id: number }).id;
      await one.addConsoleSession({ tokenHash: 'old', userId, csrfToken: 'c', createdAt: 1, expiresAt: 100 });
      await one.addConsoleSession({ tokenHash: 'new', userId, csrfToken: 'c', createdAt: 1, expiresAt: 300 });
      assert.equal(await two.deleteExpiredConsoleSessions(200), 1);
      assert.equal(await two.findConsoleSession('old', 50), undefined, 'deleted, not only expired');
      assert.equal((await two.findConsoleSession('new', 200))?.user.email, 'ann@example.com');
    },
  },
  {
    name: 'a plan edited gets its new terms for future orders; the license sold before keeps its own copy',
    async run({ peers: [storage, other] }) {
      const sold = await orderLicense(storage, 41, 'KEY41', new Uint8Array(32).fill(1));
      const plan = sold.plan;
      const edited = await storage.updatePlan(plan.id, {
        name: 'Pro 2', activationLimit: null, expiry: { value: 1, unit: 'years' }, mode: 'offline', plugins: ['sync'], versions: { min: 2, max: 5 }, releaseLimit: null,
      });
      assert.deepEqual(
        edited && [edited.id, edited.name, edited.activationLimit, edited.expiry, edited.mode, edited.plugins, edited.versions, edited.releaseLimit, edited.createdAt],
        [plan.id, 'Pro 2', null, { value: 1, unit: 'years' }, 'offline', ['sync'], { min: 2, max: 5 }, null, 1000],
      );
      assert.deepEqual(await other.findPlan(plan.id), edited, 'the other handle reads the edit');
      const kept = await other.findLicenseById(sold.id);
      assert.deepEqual([kept?.activationLimit, kept?.plan.name, kept?.plan.mode, kept?.plan.plugins], [2, 'Pro', 'online', ['reports']]);
      assert.equal(await storage.updatePlan(4000, TERMS), undefined, 'no such plan');
    },
  },
  {
    name: 'settings and signing keys: written once, replaced by name, listed oldest first',
    async run({ peers: [one, two] }) {
      await one.setSetting('product_id', 'a');
      await one.setSetting('product_id', 'b');
      assert.equal(await two.getSetting('product_id'), 'b');
      assert.equal(await two.getSetting('missing'), undefined);
      await one.addSigningKey({ id: 1, publicKey: 'second', createdAt: 20 });
      await one.addSigningKey({ id: 0, publicKey: 'first', createdAt: 10 });
      assert.deepEqual((await two.listSigningKeys()).map((k) => k.publicKey), ['first', 'second']);
    },
  },
  {
    name: "an order's kind follows its plan's mode: trials are found only when asked for, both kinds when not",
    async run({ peers: [storage, other] }) {
      const paid = await orderLicense(storage, 30, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', new Uint8Array(32));
      const trialPlan = await storage.createPlan({ ...TERMS, name: 'Trial', mode: 'trial', activationLimit: 1, expiry: { value: 14, unit: 'days' } }, 1000);
      const trial = await storage.createOrder(trialPlan.id, {
        id: 31, keyHash: hashSecret('KH-AAAAA-BBBBB-CCCCC-DDDDD-FFFFF'), keyCiphertext: new Uint8Array(40), expiresAt: null, activationLimit: 1,
        plan: { id: trialPlan.id, name: trialPlan.name, mode: 'trial', plugins: [], versions: trialPlan.versions, releaseLimit: null }, createdAt: 1000,
      });
      assert.notEqual(trial, 'id-taken');
      const ids = async (kind?: 'paid' | 'trial') =>
        (await other.searchOrders({ ...(kind === undefined ? {} : { kind }), now: 0, limit: 10 })).map((o) => [o.license.id, o.order.kind]);
      assert.deepEqual(await ids('paid'), [[paid.id, 'paid']]);
      assert.deepEqual(await ids('trial'), [[31, 'trial']]);
      assert.deepEqual(await ids(), [[31, 'trial'], [paid.id, 'paid']]);
      assert.equal((await other.findOrder(paid.orderId))?.order.kind, 'paid');
    },
  },
  {
    name: 'an ended activation keeps who ended it: the device unless told, the vendor or customer when given',
    async run({ peers: [storage, other] }) {
      await orderLicense(storage, 40, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', new Uint8Array(32), null);
      const at = (instanceId: string) => ({ licenseId: 40, instanceId, instanceName: null, metadata: {}, fingerprint: FP, at: 10 });
      const [own, revoked, freed, left] = [await storage.insertActivation(at('I-1')), await storage.insertActivation(at('I-2')), await storage.insertActivation(at('I-3')), await storage.insertActivation(at('I-4'))];
      assert.equal(own.endedBy, null, 'a live activation: nobody');
      await storage.endActivation(own.id, 20, 'deactivated');
      await storage.transaction((tx) => tx.endActivation(revoked.id, 20, 'revoked', 'console:ann@example.com'));
      await storage.endActivation(freed.id, 20, 'deactivated', 'customer');
      assert.equal(await storage.endActivation(freed.id, 30, 'revoked', 'token:late'), false);
      assert.equal(await storage.endAllActivations(40, 40, 'revoked', 'cli:ann'), 1);
      const by = async (id: number) => (await other.findActivation(id))?.endedBy;
      assert.deepEqual([await by(own.id), await by(revoked.id), await by(freed.id), await by(left.id)], ['device', 'console:ann@example.com', 'customer', 'cli:ann']);
    },
  },
  {
    name: 'licenses sold without key groups are listed by id until they get them',
    async run({ peers: [storage, other] }) {
      const secret = new Uint8Array(32).fill(5);
      const [a, b, c] = [
        await orderLicense(storage, 50, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', secret),
        await orderLicense(storage, 51, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-FFFFF', secret),
        await orderLicense(storage, 52, 'KH-AAAAA-BBBBB-CCCCC-DDDDD-GGGGG', secret),
      ];
      assert.deepEqual((await other.listLicensesWithoutKeyGroups(0, 10)).map((l) => l.id), [a.id, b.id, c.id]);
      assert.deepEqual((await other.listLicensesWithoutKeyGroups(a.id, 1)).map((l) => l.id), [b.id]);
      await storage.transaction((tx) => tx.setKeyGroups(b.id, { head: 'AAAAA', tail: 'FFFFF' }));
      assert.deepEqual((await other.listLicensesWithoutKeyGroups(0, 10)).map((l) => l.id), [a.id, c.id]);
      const found = await other.searchOrders({ match: { keyGroups: { head: 'AAAAA', tail: 'FFFFF' } }, now: 0, limit: 10 });
      assert.deepEqual(found.map((o) => o.license.id), [b.id]);
    },
  },
];

for (const backend of BACKENDS) {
  describe(`storage contract on ${backend.name}`, () => {
    for (const contractCase of CASES) {
      test(contractCase.name, async (t) => {
        const opened = await backend.open(t);
        if (!opened) return;
        try {
          await contractCase.run(opened);
        } finally {
          await opened.close();
        }
      });
    }
  });
}
