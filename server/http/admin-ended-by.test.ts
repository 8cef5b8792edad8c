import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newInstanceId, PLAN, startTestAuthority, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';

/*
 * License Details says by whom each activation ended: the admin API's activation list carries
 * `ended_by` — the vendor's caller for a revoke or a new key, `customer` for a slot the customer
 * freed from another machine, `device` for the device's own deactivation.
 */

interface Listed {
  id: number;
  instance_id: string;
  status: string;
  ended_by: string | null;
}

describe('admin API: who ended an activation', () => {
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority();
  });
  after(() => t.close());

  const activate = async (key: string, name: string) => {
    const instanceId = newInstanceId();
    const res = await t.post('/license/activate', { license_key: key, instance_id: instanceId, instance_name: name, metadata: {} });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return { instanceId, id: res.body.activation.id as number };
  };
  const listed = async (licenseId: number) => (await t.admin('GET', `/admin/licenses/${licenseId}/activations`)).body.activations as Listed[];

  test('a revoke names the token, the device its own deactivation, the customer a freed slot; live ones none', async () => {
    const { key, id } = await t.order(PLAN);
    const revoked = await activate(key, 'Old laptop');
    const gone = await activate(key, 'Sold PC');
    const freed = await activate(key, 'Lost tablet');
    const kept = await activate(key, 'Desk');

    assert.equal((await t.admin('POST', `/admin/licenses/${id}/activations/${revoked.id}/revoke`, {})).status, 200);
    assert.equal((await t.post('/license/deactivate', { license_key: key, instance_id: gone.instanceId })).status, 200);
    const slots = (await t.post('/license/activations', { license_key: key })).body.activations as { slot: string; name: string }[];
    const slot = slots.find((s) => s.name === 'Lost tablet')?.slot;
    assert.equal((await t.post('/license/activations/release', { license_key: key, slot })).status, 200);

    const all = await listed(id);
    const ending = (instanceId: string) => {
      const found = all.find((a) => a.instance_id === instanceId);
      return [found?.status, found?.ended_by];
    };
    assert.deepEqual(ending(revoked.instanceId), ['revoked', 'token:created by authority init']);
    assert.deepEqual(ending(gone.instanceId), ['deactivated', 'device']);
    assert.deepEqual(ending(freed.instanceId), ['deactivated', 'customer']);
    assert.deepEqual(ending(kept.instanceId), ['active', null]);
  });

  test('a new key ends every activation as revoked by whoever regenerated it', async () => {
    const { key, id } = await t.order(PLAN);
    await activate(key, 'One');
    await activate(key, 'Two');
    assert.equal((await t.admin('POST', `/admin/licenses/${id}/regenerate`, {})).status, 200);
    assert.deepEqual(
      (await listed(id)).map((a) => [a.status, a.ended_by]),
      [
        ['revoked', 'token:created by authority init'],
        ['revoked', 'token:created by authority init'],
      ],
    );
  });
});
