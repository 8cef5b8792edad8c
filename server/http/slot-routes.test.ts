import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { instanceIdFromSymbolValues, instanceIdSymbolValues } from '../../shared/format/instance-id.ts';
import { createOffsetClock } from '../clock.ts';
import { newInstanceId, PLAN, startTestAuthority, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';

/*
 * Self-service slot recovery over real HTTP: the key holder lists the license's machines and frees
 * one; the cap, the device-bound modes and a wrong key are refused as activate refuses them.
 */

const DAY = 86_400_000;

/** Another valid Instance ID whose last 4 characters (what the list shows) are the same as `id`'s. */
function twinOf(id: string): string {
  const values = instanceIdSymbolValues(id);
  for (let first = 0; first < 32; first++) {
    for (let second = 0; second < 32; second++) {
      const twin = instanceIdFromSymbolValues([first, second, ...values.slice(2)]);
      if (twin !== id && twin.slice(-4) === id.slice(-4)) return twin;
    }
  }
  return assert.fail(`no twin of ${id}`);
}

describe('slot recovery routes', () => {
  const clock = createOffsetClock();
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority({ clock });
  });
  after(() => t.close());

  const activate = (license_key: string, instance_id: string, instance_name?: string) =>
    t.post('/license/activate', { license_key, instance_id, ...(instance_name ? { instance_name } : {}), metadata: { os: 'Windows 11', app_version: '2.4.0' } });
  const list = (license_key: string, instance_id?: string) => t.post('/license/activations', { license_key, ...(instance_id === undefined ? {} : { instance_id }) });
  const release = (license_key: string, slot: string, instance_id?: string) =>
    t.post('/license/activations/release', { license_key, slot, ...(instance_id === undefined ? {} : { instance_id }) });

  test('limit reached: the list names the other machine, freeing it lets this one activate, the freed one loses it', async () => {
    const { key } = await t.order({ ...PLAN, activation_limit: 1 });
    const other = newInstanceId();
    const here = newInstanceId();
    assert.equal((await activate(key, other, 'Other workstation')).status, 200);
    assert.equal((await activate(key, here, 'This laptop')).body.error.code, 'ACTIVATION_LIMIT_REACHED');

    const listed = await list(key);
    assert.equal(listed.status, 200);
    assert.equal(listed.body.license.activations_used, 1);
    assert.equal(listed.body.activations.length, 1);
    const [slot] = listed.body.activations;
    assert.equal(slot.name, 'Other workstation');
    assert.deepEqual(slot.device, { os: 'Windows 11', app_version: '2.4.0' });
    assert.equal(slot.mode, 'online');
    assert.equal(slot.freeable, true);
    assert.equal(slot.instance_id_end, other.slice(-4));
    assert.ok(!Number.isNaN(Date.parse(slot.last_seen_at)));

    const freed = await release(key, slot.slot);
    assert.equal(freed.status, 200);
    assert.equal(freed.body.released.name, 'Other workstation');
    assert.deepEqual(freed.body.activations, []);
    assert.equal((await activate(key, here, 'This laptop')).status, 200, 'this machine activates in the freed slot');
    const audit = await t.admin('GET', `/admin/licenses/${key}/audit`);
    const entry = audit.body.events.find((event: { action: string }) => event.action === 'activation.release');
    assert.ok(entry, 'the release is in the license\'s audit log');
    assert.equal(entry.actor, 'customer');
    assert.equal(entry.request_id, freed.headers.get('x-request-id'));

    const lost = await t.post('/license/validate', { license_key: key, instance_id: other });
    assert.deepEqual([lost.body.valid, lost.body.code], [false, 'NOT_ACTIVATED']);
    const again = await release(key, slot.slot);
    assert.deepEqual([again.status, again.body.error.code], [404, 'NOT_FOUND'], 'a freed slot is not freed twice');
  });

  test('no answer carries another machine’s Instance ID in full, nor the activation id', async () => {
    const { key } = await t.order({ ...PLAN, activation_limit: 3 });
    const ids = [newInstanceId(), newInstanceId()];
    const activations = [];
    for (const id of ids) activations.push((await activate(key, id)).body.activation);
    const listed = await list(key);
    const freed = await release(key, listed.body.activations[0].slot);
    for (const answer of [listed, freed]) {
      const text = JSON.stringify(answer.body);
      for (const id of ids) {
        assert.ok(!text.includes(id), 'full Instance ID leaked');
        assert.ok(!text.includes(id.replace(/-/g, '')), 'Instance ID leaked without dashes');
      }
      for (const record of answer.body.activations) assert.ok(!Object.values(record).includes(activations[0].id));
    }
    assert.equal(listed.body.activations[1].name, null, 'an unnamed machine stays unnamed');
  });

  test('a caller naming its own instance_id sees its slot marked this_machine, on the full ID: a machine whose ID ends alike is not', async () => {
    const { key } = await t.order({ ...PLAN, activation_limit: 3 });
    const here = newInstanceId();
    const twin = twinOf(here);
    await activate(key, twin, 'Look-alike');
    await activate(key, here, 'This laptop');
    await activate(key, newInstanceId(), 'Other');
    // Typed like everywhere else: lower case, spaces for dashes.
    const listed = await list(key, here.toLowerCase().replaceAll('-', ' '));
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    const marks = listed.body.activations.map((slot: { name: string; instance_id_end: string; this_machine: boolean }) => [slot.name, slot.instance_id_end, slot.this_machine]);
    assert.deepEqual(marks, [['Look-alike', here.slice(-4), false], ['This laptop', here.slice(-4), true], ['Other', marks[2][1], false]]);
    assert.ok(!JSON.stringify(listed.body).includes(here), 'not even the caller\'s own Instance ID comes back in full');

    const unnamed = await list(key);
    assert.ok(unnamed.body.activations.every((slot: { this_machine: boolean }) => slot.this_machine === false), 'no instance_id: no slot is anyone\'s');
    const freed = await release(key, listed.body.activations[0].slot, here);
    assert.deepEqual(freed.body.activations.map((slot: { this_machine: boolean }) => slot.this_machine), [true, false], 'the list after a release is marked too');
    const bad = await list(key, 'not-an-instance-id');
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'REQUEST_INVALID']);
    assert.match(bad.body.error.hint, /instance_id/);
  });

  test('freeing is counted against the release cap: over it, 409 with the next release time', async () => {
    const { key } = await t.order({ ...PLAN, activation_limit: 5, release_limit: { count: 2, days: 30 } });
    for (let i = 0; i < 3; i++) await activate(key, newInstanceId(), `PC ${i}`);
    const slots = (await list(key)).body.activations;
    assert.equal((await release(key, slots[0].slot)).status, 200);
    assert.equal((await release(key, slots[1].slot)).status, 200);
    const capped = await release(key, slots[2].slot);
    assert.deepEqual([capped.status, capped.body.error.code], [409, 'DEACTIVATION_LIMIT_REACHED']);
    const next = Date.parse(capped.body.error.next_release_at);
    assert.ok(next > clock.now() + 29 * DAY && next <= clock.now() + 30 * DAY);
    assert.equal((await list(key)).body.activations.length, 1, 'nothing was freed');
  });

  test('air-gapped and offline activations are listed but only their device frees them', async () => {
    for (const mode of ['airgapped', 'offline']) {
      const { key } = await t.order({ ...PLAN, mode, activation_limit: 1, release_limit: null });
      const device = newInstanceId();
      const made = mode === 'offline'
        ? await t.admin('POST', '/admin/offline-activations', { license_key: key, instance_id: device, instance_name: 'Lab PC' })
        : await activate(key, device, 'Lab PC');
      assert.ok(made.status === 200 || made.status === 201, JSON.stringify(made.body));
      const [slot] = (await list(key)).body.activations;
      assert.deepEqual([slot.name, slot.mode, slot.freeable, slot.refusal], ['Lab PC', mode, false, 'DEACTIVATION_PROOF_REQUIRED']);
      const refused = await release(key, slot.slot);
      assert.deepEqual([refused.status, refused.body.error.code], [403, 'DEACTIVATION_PROOF_REQUIRED'], mode);
      assert.equal((await list(key)).body.activations.length, 1);
    }
  });

  test('a trial slot checks in like an online one, so it is listed as freeable and freed here', async () => {
    const { key } = await t.order({ ...PLAN, mode: 'trial', expiry: { value: 14, unit: 'days' }, activation_limit: 1, release_limit: null });
    assert.equal((await activate(key, newInstanceId(), 'Trial PC')).status, 200);
    const [slot] = (await list(key)).body.activations;
    assert.deepEqual([slot.name, slot.mode, slot.freeable, slot.refusal], ['Trial PC', 'trial', true, undefined]);
    assert.equal((await release(key, slot.slot)).status, 200);
    assert.equal((await list(key)).body.activations.length, 0);
  });

  test('a wrong key gets the same answer as activate; a malformed slot is named', async () => {
    const { key } = await t.order(PLAN);
    const wrong = key.slice(0, -5) + (key.endsWith('A') ? 'B' : 'A') + key.slice(-4);
    const byActivate = await activate(wrong, newInstanceId());
    const byList = await list(wrong);
    assert.deepEqual([byList.status, byList.body.error.code], [byActivate.status, byActivate.body.error.code]);
    assert.equal((await release(wrong, 'A'.repeat(22))).body.error.code, byActivate.body.error.code);
    const bad = await release(key, '../1');
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'REQUEST_INVALID']);
    const forged = await release(key, 'A'.repeat(22));
    assert.deepEqual([forged.status, forged.body.error.code], [404, 'NOT_FOUND']);
  });
});
