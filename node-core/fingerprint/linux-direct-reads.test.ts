import assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import { describe, test } from 'node:test';
import si from 'systeminformation';
import { systemInformationOnFixture, type MachineFixture } from '../../tests/harness/core/systeminformation-on-fixtures.ts';
import { linuxDirectReads, realLinuxMachine, type LinuxMachine } from './linux-direct-reads.ts';
import { systemInformationSource } from './systeminformation-source.ts';

/*
 * Every activation stored so far was hashed from systeminformation's values, so the direct reader
 * must give the very same ones. Proved twice: on fixture machines, where systeminformation's own
 * code reads the same files and prints through the same (fixture) lscpu and dmidecode; and on this
 * real machine, against systeminformation as installed.
 */

function canRead(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

const cpuOf = (cpu: { manufacturer: string; brand: string; family: string; model: string; stepping: string }) => {
  const { manufacturer, brand, family, model, stepping } = cpu;
  return { manufacturer, brand, family, model, stepping };
};

const INTEL_CPUINFO = `processor\t: 0
vendor_id\t: GenuineIntel
cpu family\t: 6
model\t\t: 142
model name\t: Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz
stepping\t: 10
microcode\t: 0xf4
cpu MHz\t\t: 1800.000
flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep vmx

processor\t: 1
vendor_id\t: GenuineIntel
cpu family\t: 6
model\t\t: 142
model name\t: Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz
stepping\t: 10
`;

// lscpu (util-linux 2.38) on the machine whose /proc/cpuinfo is INTEL_CPUINFO, not root.
const INTEL_LSCPU = `Architecture:                    x86_64
CPU op-mode(s):                  32-bit, 64-bit
Address sizes:                   39 bits physical, 48 bits virtual
Byte Order:                      Little Endian
CPU(s):                          8
On-line CPU(s) list:             0-7
Vendor ID:                       GenuineIntel
Model name:                      Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz
CPU family:                      6
Model:                           142
Thread(s) per core:              2
Core(s) per socket:              4
Socket(s):                       1
Stepping:                        10
CPU max MHz:                     4000.0000
CPU min MHz:                     400.0000
BogoMIPS:                        3999.93
Flags:                           fpu vme de pse tsc msr pae mce cx8 apic sep vmx
Virtualization:                  VT-x
L1d cache:                       128 KiB (4 instances)
L2 cache:                        1 MiB (4 instances)
L3 cache:                        8 MiB (1 instance)
`;

const XEON_CPUINFO = INTEL_CPUINFO.replaceAll('Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz', 'Intel(R) Xeon(R) CPU           E5-2670 0 @ 2.60GHz')
  .replaceAll('model\t\t: 142', 'model\t\t: 45')
  .replaceAll('stepping\t: 10', 'stepping\t: 7');
const XEON_LSCPU = INTEL_LSCPU.replace('Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz', 'Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz')
  .replace(/Model:( +)142/, 'Model:$145')
  .replace(/Stepping:( +)10/, 'Stepping:$17');

/** dmidecode without root: only its header reaches stdout. */
const DMIDECODE_NOT_ROOT = '# dmidecode 3.4\n';

const FIXTURES: Record<string, MachineFixture> = {
  'a desktop seen without root (DMI files unreadable, dmidecode installed but blind)': {
    files: { '/var/lib/dbus/machine-id': '3f2a9c4e8b1d4f6a9e0c7b5d2a1f8e3c\n', '/etc/machine-id': '3f2a9c4e8b1d4f6a9e0c7b5d2a1f8e3c\n', '/proc/cpuinfo': INTEL_CPUINFO },
    lscpu: INTEL_LSCPU,
    dmidecode: DMIDECODE_NOT_ROOT,
  },
  'readable DMI files, no dmidecode: UUID lower-cased, board serial trimmed': {
    files: {
      '/etc/machine-id': 'E1D2C3B4A5968778695A4B3C2D1E0F00\n',
      '/sys/class/dmi/id/product_uuid': '4C4C4544-0042-3510-8052-B4C04F4E4E32\n',
      '/sys/devices/virtual/dmi/id/board_asset_tag': 'Default string\n',
      '/sys/devices/virtual/dmi/id/board_name': 'PRIME B450M-A\n',
      '/sys/devices/virtual/dmi/id/board_serial': '  190436123456789 \n',
      '/proc/cpuinfo': XEON_CPUINFO,
    },
    lscpu: XEON_LSCPU,
  },
  'firmware placeholders and an empty dbus id': {
    files: {
      '/var/lib/dbus/machine-id': '',
      '/etc/machine-id': 'etc-id-never-read\n',
      '/sys/class/dmi/id/product_uuid': '03000200-0400-0500-0006-000700080009\n',
      '/sys/devices/virtual/dmi/id/board_serial': 'To be filled by O.E.M.\n',
      '/proc/cpuinfo': INTEL_CPUINFO,
    },
    lscpu: INTEL_LSCPU,
  },
  'no machine id, no DMI, a cpuinfo Serial line, no lscpu': {
    files: { '/proc/cpuinfo': `${INTEL_CPUINFO}\nSerial\t\t: 00000000AbCd1234\n` },
  },
};

describe('on fixture machines the direct reader gives what systeminformation gives', () => {
  for (const [name, fixture] of Object.entries(FIXTURES)) {
    test(name, async (t) => {
      const { si: fixtureSi, machine } = systemInformationOnFixture(t, fixture);
      const direct = linuxDirectReads(machine);
      const uuid = await fixtureSi.uuid();
      const board = await fixtureSi.baseboard();
      const cpu = await fixtureSi.cpu();
      assert.deepEqual(await direct.uuid(), { os: uuid.os, hardware: uuid.hardware });
      const directBoard = await direct.baseboardSerial();
      assert.notEqual(directBoard, undefined, 'the board serial was read directly');
      assert.equal(directBoard, board.serial);
      const directCpu = await direct.cpu();
      assert.ok(directCpu, 'the CPU was read directly');
      assert.deepEqual(directCpu, cpuOf(cpu));
    });
  }

  test('the fixtures are not all alike (the comparison sees real values)', async (t) => {
    const { si: fixtureSi } = systemInformationOnFixture(t, FIXTURES['readable DMI files, no dmidecode: UUID lower-cased, board serial trimmed']!);
    assert.equal((await fixtureSi.uuid()).hardware, '4c4c4544-0042-3510-8052-b4c04f4e4e32');
    assert.equal((await fixtureSi.baseboard()).serial, '190436123456789');
    assert.equal((await fixtureSi.cpu()).brand, 'Xeon® E5-2670 0');
  });
});

describe('where the reader cannot prove agreement it leaves the read to systeminformation', () => {
  const machine = (changes: Partial<LinuxMachine>, readable: readonly string[] = []): LinuxMachine => ({
    read: async (path) => (path === '/proc/cpuinfo' ? INTEL_CPUINFO : null),
    readable: async (path) => readable.includes(path),
    onPath: async () => true,
    arch: 'x64',
    firstCpuModel: () => '',
    ...changes,
  });

  test('root (SMBIOS tables readable) with dmidecode: the board and the CPU', async () => {
    const reads = linuxDirectReads(machine({}, ['/sys/firmware/dmi/tables/smbios_entry_point', '/sys/firmware/dmi/tables/DMI']));
    assert.equal(await reads.baseboardSerial(), undefined);
    assert.equal(await reads.cpu(), undefined);
  });
  test('/dev/mem readable: dmidecode could scan it', async () => {
    assert.equal(await linuxDirectReads(machine({}, ['/dev/mem'])).baseboardSerial(), undefined);
  });
  test('an ARM machine, an unknown PATH, a cpuinfo without a model name', async () => {
    assert.equal(await linuxDirectReads(machine({ arch: 'arm64' })).cpu(), undefined);
    assert.equal(await linuxDirectReads(machine({ arch: 'arm64' })).baseboardSerial(), undefined);
    assert.equal(await linuxDirectReads(machine({ onPath: async () => null })).baseboardSerial(), undefined);
    assert.equal(await linuxDirectReads(machine({ read: async () => 'processor\t: 0\ncpu family\t: 6\n' })).cpu(), undefined);
  });
  test('the source then asks systeminformation, which answers for the component', async () => {
    const blind = { uuid: async () => ({ os: 'direct-os', hardware: '' }), baseboardSerial: async () => undefined, cpu: async () => undefined };
    const collected = await systemInformationSource({ direct: blind }).collect();
    assert.equal(collected.values.machineId, 'direct-os');
    const expected = await si.cpu();
    assert.equal(collected.values.cpu, [expected.manufacturer, expected.brand, expected.family, expected.model, expected.stepping].join('|'));
  });
});

describe('on this machine', { skip: process.platform === 'linux' ? false : 'the direct reader is for Linux' }, () => {
  test('each direct value equals the installed systeminformation, and the values are there', async () => {
    const direct = linuxDirectReads(realLinuxMachine());
    const [uuid, board, cpu] = await Promise.all([si.uuid(), si.baseboard(), si.cpu()]);
    const directUuid = await direct.uuid();
    assert.deepEqual(directUuid, { os: uuid.os, hardware: uuid.hardware });
    assert.match(directUuid.os, /^[0-9a-f]{32}$/, 'this machine has a machine id');
    // Read directly unless this process can read the SMBIOS tables (root on a real board).
    const smbios = ['/sys/firmware/dmi/tables/DMI', '/dev/mem'].some((path) => canRead(path));
    const directBoard = await direct.baseboardSerial();
    if (directBoard === undefined) assert.ok(smbios, 'the board serial fell back to systeminformation');
    else assert.equal(directBoard, board.serial);
    const directCpu = await direct.cpu();
    if (directCpu === undefined) assert.ok(smbios, 'the CPU fell back to systeminformation');
    else assert.deepEqual(directCpu, cpuOf(cpu));
    assert.ok(cpu.family && cpu.brand, 'this machine names its CPU');
  });
  test('the whole collection matches the systeminformation-only one', async () => {
    const [fast, reference] = await Promise.all([systemInformationSource().collect(), systemInformationSource({ direct: null }).collect()]);
    assert.deepEqual(fast.values, reference.values);
  });
});
