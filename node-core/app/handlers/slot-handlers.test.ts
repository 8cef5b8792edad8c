import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startDemoAuthority, type DemoAuthority } from '../../../server/demo/start-demo-authority.ts';
import { instanceIdFromDigest } from '../../../shared/format/instance-id.ts';
import { CHANNELS, type LicenseView } from '../../../shared/ipc/contract.ts';
import type { SlotList } from '../../../shared/ipc/channels/slots.ts';
import { createDoor, type Door } from '../../../shared/ipc/door.ts';
import { SlotListSchema } from '../../authority/wire.ts';
import { staticIdentifierSource } from '../../fingerprint/identifier-source.ts';
import { createAppHost, type AppHost } from '../app-host.ts';
import { toSlotList } from './slot-handlers.ts';

/* Slot recovery through the real door, the real core and the demo authority's limit-reached license. */

let temp: string;
let authority: DemoAuthority;
let host: AppHost;
let door: Door;
// The machine the demo's limit-reached license is already active on (server/demo/demo-licenses.ts).
const otherMachine = instanceIdFromDigest(new Uint8Array(createHash('sha256').update('keyhole-demo-other-machine').digest()));

before(async () => {
  temp = mkdtempSync(join(tmpdir(), 'keyhole-slots-'));
  authority = await startDemoAuthority({ dataDir: join(temp, 'authority') });
  host = createAppHost({
    product: authority.productConfig,
    dataDir: join(temp, 'app'),
    appVersion: '1.0.0',
    mode: 'demo',
    host: 'browser',
    identifierSource: staticIdentifierSource({ machineId: 'slot-machine', systemUuid: 'slot-uuid', diskSerial: 'slot-disk' }),
  });
  door = createDoor(host.handlers);
});
after(async () => {
  host.close();
  await authority.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('slot recovery handlers', () => {
  test('limit reached → list shows "Other workstation" → free it → this machine activates; the other loses it', async () => {
    const key = authority.keys.find((k) => k.name === 'limit-reached')!.key;
    const refused = await door.call(CHANNELS.activateOnline.channel, [key]);
    assert.ok(!refused.ok && refused.error.code === 'ACTIVATION_LIMIT_REACHED');

    const listed = await door.call(CHANNELS.listSlots.channel, [key.toLowerCase()]);
    assert.ok(listed.ok, JSON.stringify(listed));
    const list = listed.value as SlotList;
    assert.deepEqual([list.activationLimit, list.activationsUsed, list.slots.length], [1, 1, 1]);
    const [slot] = list.slots;
    assert.deepEqual([slot!.name, slot!.os, slot!.mode, slot!.freeable, slot!.instanceIdEnd], ['Other workstation', 'Windows 11', 'online', true, otherMachine.slice(-4)]);
    assert.equal(typeof slot!.lastSeenAt, 'number');
    assert.equal(slot!.thisMachine, false, 'the other workstation is not this machine');
    assert.ok(!JSON.stringify(list).includes(otherMachine), 'the other machine\'s Instance ID stays on the authority');

    const freed = await door.call(CHANNELS.freeSlot.channel, [key, slot!.slot]);
    assert.ok(freed.ok, JSON.stringify(freed));
    assert.deepEqual(freed.value, { activationLimit: 1, activationsUsed: 0, slots: [], freed: { name: 'Other workstation' } });

    const activated = await door.call(CHANNELS.activateOnline.channel, [key]);
    assert.ok(activated.ok, JSON.stringify(activated));
    assert.equal((activated.value as LicenseView).status.state, 'active');
    const ownId = (activated.value as LicenseView).instanceId;
    const relisted = await door.call(CHANNELS.listSlots.channel, [key]);
    assert.ok(relisted.ok, JSON.stringify(relisted));
    const [own] = (relisted.value as SlotList).slots;
    assert.deepEqual([own!.instanceIdEnd, own!.thisMachine], [ownId.slice(-4), true], 'the slot this machine now holds is marked as its own');
    assert.ok(!JSON.stringify(relisted.value).includes(ownId), 'even its own Instance ID is not handed out in full');

    const response = await fetch(`${authority.url}/license/validate`, { method: 'POST', body: JSON.stringify({ license_key: key, instance_id: otherMachine }) });
    const answer = (await response.json()) as { valid: boolean; code: string };
    assert.deepEqual([answer.valid, answer.code], [false, 'NOT_ACTIVATED']);
  });

  test('a trial key lists its slot (mode trial), marked as this machine\'s by the authority on the Instance ID main sends', async () => {
    const view = await door.call(CHANNELS.getLicense.channel, []);
    assert.ok(view.ok, JSON.stringify(view));
    const { instanceId } = view.value as LicenseView;
    const started = await fetch(`${authority.url}/license/trial`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instance_id: instanceId }) });
    const { license_key: trialKey } = (await started.json()) as { license_key: string };
    assert.equal(started.status, 200);
    const listed = await door.call(CHANNELS.listSlots.channel, [trialKey]);
    assert.ok(listed.ok, JSON.stringify(listed));
    const [slot] = (listed.value as SlotList).slots;
    assert.deepEqual([slot!.mode, slot!.thisMachine, slot!.instanceIdEnd], ['trial', true, instanceId.slice(-4)]);
    assert.ok(!JSON.stringify(listed.value).includes(instanceId));
  });

  test('the mark is the authority\'s alone: slots that merely end like this machine are not marked, and an authority without the field marks none', () => {
    const slot = (ref: string, mark?: boolean) => ({ slot: ref.padEnd(22, 'x'), name: null, instance_id_end: 'PQ7Z', mode: 'trial', last_seen_at: 0, freeable: false, ...(mark === undefined ? {} : { this_machine: mark }) });
    const marks = (...slots: ReturnType<typeof slot>[]) => toSlotList(SlotListSchema.parse({ license: {}, activations: slots })).slots.map((s) => s.thisMachine);
    assert.deepEqual(marks(slot('a', false), slot('b', true)), [false, true]);
    assert.deepEqual(marks(slot('a'), slot('b')), [false, false]);
    assert.throws(() => SlotListSchema.parse({ license: {}, activations: [{ ...slot('a'), mode: 'leased' }] }), 'a mode no certificate has is refused');
  });

  test('a mistyped key is refused here with the format error; a foreign slot reference at the door', async () => {
    const typo = await door.call(CHANNELS.listSlots.channel, ['KH-1234']);
    assert.ok(!typo.ok && typo.error.code === 'LICENSE_FORMAT_INVALID');
    const key = authority.keys.find((k) => k.name === 'online')!.key;
    const hostile = await door.call(CHANNELS.freeSlot.channel, [key, '../../admin']);
    assert.ok(!hostile.ok && hostile.error.code === 'REQUEST_INVALID');
  });
});
