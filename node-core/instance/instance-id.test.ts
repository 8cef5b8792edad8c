import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInstanceId } from '../../shared/format/instance-id.ts';
import { collectFingerprint } from '../fingerprint/collect-fingerprint.ts';
import { staticIdentifierSource, type RawIdentifiers } from '../fingerprint/identifier-source.ts';
import { runChild } from '../../tests/harness/core/child-process.ts';
import { CONTAINER, OFFICE_PC, OFFICE_PC_NEW_NIC, OTHER_PC } from '../../tests/harness/core/machines.ts';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { deriveInstance, resolveInstance } from './instance-id.ts';

const PRODUCT = 'keyhole-demo-studio';
const hashesOf = async (values: RawIdentifiers) => (await collectFingerprint(staticIdentifierSource(values), PRODUCT)).hashes;
const NOTHING: RawIdentifiers = { machineId: null, systemUuid: null, baseboardSerial: null, diskSerial: null, cpu: null, mac: null };

describe('Instance ID', () => {
  test('is derived from the machine id and system UUID: a new NIC derives the same one', async () => {
    const id = deriveInstance(PRODUCT, await hashesOf(OFFICE_PC)).id;
    assert.equal(parseInstanceId(id), id);
    assert.equal(deriveInstance(PRODUCT, await hashesOf(OFFICE_PC_NEW_NIC)).id, id);
    assert.notEqual(deriveInstance('another-product', await hashesOf(OFFICE_PC)).id, id);
  });

  test('a stored ID is re-used while the machine is recognisably the same', async () => {
    const stored = deriveInstance(PRODUCT, await hashesOf(OFFICE_PC));
    const reinstalledOs = await hashesOf({ ...OFFICE_PC, machineId: 'ffee0011223344556677889900aabbcc', mac: null });
    assert.deepEqual(resolveInstance(stored, PRODUCT, reinstalledOs), { record: stored, origin: 'stored' });
  });

  test('a store copied to another machine gets that machine its own ID', async () => {
    const stored = deriveInstance(PRODUCT, await hashesOf(OFFICE_PC));
    const resolved = resolveInstance(stored, PRODUCT, await hashesOf(OTHER_PC));
    assert.equal(resolved.origin, 'moved');
    assert.notEqual(resolved.record.id, stored.id);
  });

  test('without machine id or UUID every readable component is used; without any, a random seed', async () => {
    const container = deriveInstance(PRODUCT, await hashesOf({ ...CONTAINER, machineId: null }));
    assert.deepEqual(Object.keys(container.basis), ['cpu', 'mac']);
    const a = deriveInstance(PRODUCT, await hashesOf(NOTHING));
    const b = deriveInstance(PRODUCT, await hashesOf(NOTHING));
    assert.ok(a.seed && b.seed);
    assert.notEqual(a.id, b.id);
    assert.deepEqual(resolveInstance(a, PRODUCT, await hashesOf(NOTHING)).record, a, 'the seed-based ID is kept');
  });

  test('is the same in two separate processes on one data dir, and re-derived identically after the store is lost', (t) => {
    const dir = tempDir(t);
    const first = JSON.parse(runChild('print-instance-id.ts', [dir])) as { instanceId: string; available: string[] };
    const second = JSON.parse(runChild('print-instance-id.ts', [dir])) as { instanceId: string };
    assert.equal(second.instanceId, first.instanceId);
    assert.equal(parseInstanceId(first.instanceId), first.instanceId);
    if (first.available.includes('machineId') || first.available.includes('systemUuid')) {
      rmSync(join(dir, 'license.json'));
      const third = JSON.parse(runChild('print-instance-id.ts', [dir])) as { instanceId: string };
      assert.equal(third.instanceId, first.instanceId);
    }
  });

  test('two processes with an injected machine agree too, and a NIC change keeps the ID', (t) => {
    const dir = tempDir(t);
    const machine = join(dir, 'machine.json');
    writeFileSync(machine, JSON.stringify(OFFICE_PC));
    const env = { KEYHOLE_FINGERPRINT_FILE: machine };
    const first = JSON.parse(runChild('print-instance-id.ts', [join(dir, 'data')], env)) as { instanceId: string };
    writeFileSync(machine, JSON.stringify(OFFICE_PC_NEW_NIC));
    const second = JSON.parse(runChild('print-instance-id.ts', [join(dir, 'data')], env)) as { instanceId: string };
    assert.equal(second.instanceId, first.instanceId);
  });

  test('on a machine with nothing to derive from, the seeded ID survives a process that ends at once', (t) => {
    const dir = tempDir(t);
    const machine = join(dir, 'machine.json');
    writeFileSync(machine, JSON.stringify(NOTHING));
    const env = { KEYHOLE_FINGERPRINT_FILE: machine };
    const run = () => (JSON.parse(runChild('print-instance-id.ts', [join(dir, 'data'), '--exit-at-once'], env)) as { instanceId: string }).instanceId;
    const first = run();
    assert.equal(run(), first, 'the second run reads the seed the first one stored');
  });
});
