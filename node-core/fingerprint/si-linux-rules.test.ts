import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { siBoardSerialFromSysfs, siCleanDefaults, siCpuIdentity, siUuid, siValue } from './si-linux-rules.ts';

/*
 * The ported rules on their own. linux-direct-reads.test.ts runs systeminformation's own code on the
 * same kind of input; here each rule is pinned to the result systeminformation's source gives.
 */

const { getValue } = createRequire(import.meta.url)('systeminformation/lib/util.js') as {
  getValue: (lines: string[], property: string, separator?: string) => string;
};

describe("systeminformation's line rule (util.getValue)", () => {
  test('agrees with systeminformation on generated lines', () => {
    const piece = fc.constantFrom('model', 'Model', 'model name', 'cpu family', 'os', 'hardware', ':', '\t', ' ', '  ', 'x', 'Serial', '=', '1');
    const line = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.constantFrom('model:', 'model name', 'os', 'hardware', 'serial', 'cpu family'), fc.constantFrom(':', '='), (lines, property, separator) => {
        assert.equal(siValue(lines, property, separator), getValue([...lines], property, separator));
      }),
      { numRuns: 500 },
    );
  });
});

describe('machine id and hardware UUID (osinfo.js uuid)', () => {
  test('the dbus id wins, read once as its first line, lower-cased', () => {
    assert.deepEqual(siUuid({ dbusMachineId: 'ABCDEF0123\n', etcMachineId: 'other\n', productUuid: '4C4C4544-0042-3510\n', cpuinfo: '' }), { os: 'abcdef0123', hardware: '4c4c4544-0042-3510' });
  });
  test('an empty but readable dbus id is kept (cat succeeded), not replaced by /etc/machine-id', () => {
    assert.equal(siUuid({ dbusMachineId: '', etcMachineId: 'etc-id\n', productUuid: null, cpuinfo: null }).os, '');
  });
  test('an unreadable dbus id falls to /etc/machine-id; no DMI UUID falls to the cpuinfo Serial, kept as written', () => {
    assert.deepEqual(siUuid({ dbusMachineId: null, etcMachineId: 'etc-id\n', productUuid: null, cpuinfo: 'processor\t: 0\nSerial\t\t: 00000000ABCD1234\n' }), { os: 'etc-id', hardware: '00000000ABCD1234' });
  });
});

describe('board serial (system.js baseboard, sysfs fallback)', () => {
  test('firmware placeholders are emptied, a real serial is trimmed', () => {
    assert.equal(siBoardSerialFromSysfs({ assetTag: 'Default string\n', name: 'PRIME B450M\n', serial: '  MB-1234-XYZ \n' }), 'MB-1234-XYZ');
    assert.equal(siBoardSerialFromSysfs({ assetTag: null, name: null, serial: 'To be filled by O.E.M.\n' }), '');
    assert.equal(siBoardSerialFromSysfs({ assetTag: null, name: null, serial: null }), '');
    assert.equal(siCleanDefaults('Default'), '');
    assert.equal(siCleanDefaults('Defaults-99'), 'Defaults-99');
  });
});

describe('CPU identity (cpu.js getCpu and cpuBrandManufacturer)', () => {
  const cpuinfo = (modelName: string) => ['processor\t: 0', 'cpu family\t: 6', 'model\t\t: 45', `model name\t: ${modelName}`, 'stepping\t: 7'];
  test('marks become signs, "CPU" and the clock go, the vendor word moves to manufacturer', () => {
    assert.deepEqual(siCpuIdentity(cpuinfo('Intel(R) Xeon(R) CPU           E5-2670 0 @ 2.60GHz'), ''), { manufacturer: 'Intel', brand: 'Xeon® E5-2670 0', family: '6', model: '45', stepping: '7' });
    assert.deepEqual(siCpuIdentity(cpuinfo('QEMU Virtual CPU version 2.5+'), ''), { manufacturer: 'QEMU', brand: 'Virtual version 2.5+', family: '6', model: '45', stepping: '7' });
  });
  test('"Unknown" cuts the brand; an unknown vendor keeps the whole brand as manufacturer', () => {
    assert.equal(siCpuIdentity(cpuinfo('AMD Unknown CPU Type'), '').brand, '');
    assert.equal(siCpuIdentity(cpuinfo('AMD Unknown CPU Type'), '').manufacturer, 'AMD');
    assert.deepEqual(siCpuIdentity(cpuinfo('Zhaoxin KaiXian KX-6640MA@2.2+GHz'), ''), { manufacturer: 'Zhaoxin KaiXian KX-6640MA', brand: 'KaiXian KX-6640MA', family: '6', model: '45', stepping: '7' });
  });
  test("without any line (no lscpu) the model is Node's first CPU and the numbers are empty", () => {
    assert.deepEqual(siCpuIdentity([], 'AMD EPYC'), { manufacturer: 'AMD', brand: 'EPYC', family: '', model: '', stepping: '' });
  });
});
