import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LATEST_CERTIFICATE_EXPIRY } from '../../shared/license/certificate.ts';
import { createAdminToken } from '../licensing/admin-tokens.ts';
import { expiryForOrder } from '../licensing/license-rules.ts';
import { newInstanceId, PLAN, requestJson, startTestAuthority, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';

/* The admin API's answers for expiry ranges, token lifetimes and revocations of machines that never check in. */

const HOUR = 3_600_000;

async function withAuthority(work: (t: TestAuthority) => Promise<void>): Promise<void> {
  const t = await startTestAuthority({ testClock: true });
  try {
    await work(t);
  } finally {
    await t.close();
  }
}

describe('admin API: expiries a certificate cannot carry', () => {
  test('an expiry after 2139 is refused with a hint, and the license keeps activating', async () =>
    withAuthority(async (t) => {
      const { key, id } = await t.order(PLAN);
      const refused = await t.admin('POST', `/admin/licenses/${id}/expiry`, { expires_at: '2140-01-01T00:00:00Z' });
      assert.deepEqual([refused.status, refused.body.error.code], [400, 'REQUEST_INVALID']);
      assert.match(refused.body.error.hint, /2140-01-01 00:00 UTC, after 2139-08-15 15:00 UTC, the latest expiry an activation certificate can carry/);
      const latest = await t.admin('POST', `/admin/licenses/${id}/expiry`, { expires_at: new Date(LATEST_CERTIFICATE_EXPIRY).toISOString() });
      assert.equal(latest.status, 200);
      const activated = await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() });
      assert.equal(activated.status, 200, JSON.stringify(activated.body));
      assert.equal(activated.body.license.expires_at, '2139-08-15T15:00:00.000Z');
    }));

  test('a plan whose duration lands past the range is refused at creation and again at order time', async () =>
    withAuthority(async (t) => {
      const now = t.authority.context.clock.now();
      const tooLong = await t.admin('POST', '/admin/plans', { ...PLAN, expiry: { value: 200, unit: 'years' } });
      assert.deepEqual([tooLong.status, tooLong.body.error.code], [400, 'REQUEST_INVALID']);
      assert.match(tooLong.body.error.hint, /200 years later.*after 2139-08-15 15:00 UTC/);
      // The longest duration that still fits today, so it stops fitting once time moves on.
      let years = 1;
      while ((expiryForOrder({ value: years + 1, unit: 'years' }, now) as number) <= LATEST_CERTIFICATE_EXPIRY) years++;
      const plan = await t.admin('POST', '/admin/plans', { ...PLAN, expiry: { value: years, unit: 'years' } });
      assert.equal(plan.status, 201, JSON.stringify(plan.body));
      await t.admin('POST', '/admin/test-clock', { offset_ms: 366 * 24 * HOUR });
      const ordered = await t.admin('POST', '/admin/orders', { plan_id: plan.body.plan.id });
      assert.deepEqual([ordered.status, ordered.body.error.code], [400, 'REQUEST_INVALID']);
      assert.match(ordered.body.error.hint, /latest expiry an activation certificate can carry/);
    }));
});

describe('admin API: token lifetimes', () => {
  const plans = (t: TestAuthority, token: string) => requestJson(`${t.url}/admin/plans`, { headers: { authorization: `Bearer ${token}` } });

  test('an expired token and a revoked token are refused as UNAUTHORIZED', async () =>
    withAuthority(async (t) => {
      const { storage, clock } = t.authority.context;
      const shortLived = await createAdminToken(storage, 'ci', clock.now(), clock.now() + HOUR);
      const revoked = await createAdminToken(storage, 'laptop', clock.now());
      assert.equal((await plans(t, shortLived)).status, 200);
      assert.equal((await plans(t, revoked)).status, 200);

      const revokedId = (await storage.listAdminTokens()).find((token) => token.label === 'laptop')?.id as number;
      await storage.revokeAdminToken(revokedId, clock.now());
      const afterRevoke = await plans(t, revoked);
      assert.deepEqual([afterRevoke.status, afterRevoke.body.error.code], [401, 'UNAUTHORIZED']);

      await t.admin('POST', '/admin/test-clock', { offset_ms: 2 * HOUR });
      const afterExpiry = await plans(t, shortLived);
      assert.deepEqual([afterExpiry.status, afterExpiry.body.error.code], [401, 'UNAUTHORIZED']);
      assert.equal((await t.admin('GET', '/admin/plans')).status, 200, 'the token without expiry still works');
    }));

  test('last use is recorded, at most once a minute', async () =>
    withAuthority(async (t) => {
      const { storage } = t.authority.context;
      const lastUsed = async () => (await storage.listAdminTokens()).map((token) => token.lastUsedAt);
      assert.deepEqual(await lastUsed(), [null]);
      await t.admin('GET', '/admin/plans');
      const [first] = await lastUsed();
      assert.equal(typeof first, 'number');
      await t.admin('GET', '/admin/plans');
      assert.deepEqual(await lastUsed(), [first], 'a second call within the minute writes nothing');
      await t.admin('POST', '/admin/test-clock', { offset_ms: 61_000 });
      await t.admin('GET', '/admin/plans');
      assert.ok(((await lastUsed())[0] as number) >= (first as number) + 61_000);
    }));
});

describe('admin API: revoking a machine that never checks in', () => {
  test('the revoke answer warns for an air-gapped license, not for an online one', async () =>
    withAuthority(async (t) => {
      for (const mode of ['airgapped', 'online'] as const) {
        const { key, id } = await t.order({ ...PLAN, mode, expiry: { value: 1, unit: 'years' } });
        await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() });
        const [activation] = (await t.admin('GET', `/admin/licenses/${id}/activations`)).body.activations;
        const revoked = await t.admin('POST', `/admin/licenses/${id}/activations/${activation.id}/revoke`);
        assert.equal(revoked.body.activation.status, 'revoked');
        if (mode === 'online') {
          assert.equal(revoked.body.warning, undefined);
        } else {
          assert.match(revoked.body.warning, /air-gapped machine that held it never checks in .* keeps working until the license expires on \d{4}-\d\d-\d\d/);
        }
      }
    }));
});
