import { accessSync, constants, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { delimiter, join } from 'node:path';
import { siBoardSerialFromSysfs, siCpuIdentity, siUuid, type CpuIdentity } from './si-linux-rules.ts';

/*
 * The Linux identifiers read straight from /etc, /sys and /proc instead of through
 * systeminformation, whose calls spawn a shell, dmidecode and lscpu each. A read is direct only
 * where the value is provably the one systeminformation would give (see si-linux-rules.ts); where
 * it is not — dmidecode or lscpu could see SMBIOS tables this process cannot parse the same way,
 * an architecture whose lscpu fields differ from /proc/cpuinfo — the reader answers `undefined`
 * and the caller asks systeminformation, as before.
 */

/** What the reader may look at; the real machine by default, fixtures in tests. */
export interface LinuxMachine {
  /** A file's text, or null when it cannot be read (missing, no permission). */
  read(path: string): Promise<string | null>;
  /** True when this process may read the path. */
  readable(path: string): Promise<boolean>;
  /** True when `sh` would find the command on PATH; null when that cannot be told (no PATH). */
  onPath(command: string): Promise<boolean | null>;
  readonly arch: string;
  /** Node's model of the first CPU (os.cpus()[0].model). */
  firstCpuModel(): string;
}

/** Where dmidecode (and lscpu's BIOS fields) read the SMBIOS tables from. */
const SMBIOS_SOURCES = ['/sys/firmware/dmi/tables/smbios_entry_point', '/sys/firmware/dmi/tables/DMI', '/dev/mem'];
const X86 = new Set(['x64', 'ia32']);
const DMI = '/sys/devices/virtual/dmi/id';

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/**
 * This machine. The files are a few bytes in /proc, /sys and /etc, answered from memory: read at
 * once they cost microseconds, where thirty round trips through libuv's thread pool queued behind
 * each other (and lsblk's spawn) cost tens of milliseconds.
 */
export function realLinuxMachine(env: NodeJS.ProcessEnv = process.env): LinuxMachine {
  const found = new Map<string, boolean | null>();
  return {
    read: async (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return null;
      }
    },
    readable: async (path) => canAccess(path, constants.R_OK),
    async onPath(command) {
      if (env.PATH === undefined) return null;
      const path = env.PATH;
      if (!found.has(command)) {
        // sh reads an empty PATH entry as the current folder.
        found.set(command, path.split(delimiter).some((dir) => canAccess(join(dir || '.', command), constants.X_OK)));
      }
      return found.get(command) ?? null;
    },
    arch: process.arch,
    firstCpuModel: () => cpus()[0]?.model ?? '',
  };
}

export interface LinuxDirectReads {
  /** si.uuid()'s `os` and `hardware`. */
  uuid(): Promise<{ os: string; hardware: string }>;
  /** si.baseboard().serial, or undefined: ask systeminformation. */
  baseboardSerial(): Promise<string | undefined>;
  /** si.cpu()'s identity fields, or undefined: ask systeminformation. */
  cpu(): Promise<CpuIdentity | undefined>;
}

/** Reads the identifiers of `machine` (this one by default) the way systeminformation would see them. */
export function linuxDirectReads(machine: LinuxMachine = realLinuxMachine()): LinuxDirectReads {
  /** True when dmidecode could print SMBIOS structures here (root, or /dev/mem readable). */
  const smbiosReadable = async () => (await Promise.all(SMBIOS_SOURCES.map((path) => machine.readable(path)))).includes(true);
  return {
    async uuid() {
      const [dbusMachineId, etcMachineId, productUuid, cpuinfo] = await Promise.all(
        ['/var/lib/dbus/machine-id', '/etc/machine-id', '/sys/class/dmi/id/product_uuid', '/proc/cpuinfo'].map((path) => machine.read(path)),
      );
      return siUuid({ dbusMachineId: dbusMachineId ?? null, etcMachineId: etcMachineId ?? null, productUuid: productUuid ?? null, cpuinfo: cpuinfo ?? null });
    },
    async baseboardSerial() {
      // Other architectures read the Raspberry Pi's /proc/cpuinfo first.
      if (!X86.has(machine.arch)) return undefined;
      const [dmidecode, smbios] = await Promise.all([machine.onPath('dmidecode'), smbiosReadable()]);
      if (dmidecode === null || (dmidecode && smbios)) return undefined;
      const [assetTag, name, serial] = await Promise.all(['board_asset_tag', 'board_name', 'board_serial'].map((file) => machine.read(`${DMI}/${file}`)));
      return siBoardSerialFromSysfs({ assetTag: assetTag ?? null, name: name ?? null, serial: serial ?? null });
    },
    async cpu() {
      if (!X86.has(machine.arch)) return undefined;
      const [lscpu, smbios, cpuinfo] = await Promise.all([machine.onPath('lscpu'), machine.readable('/sys/firmware/dmi/tables/DMI'), machine.read('/proc/cpuinfo')]);
      // lscpu adds a "BIOS Model name" line when it can read the SMBIOS tables; cpuinfo has no such line.
      if (lscpu === null || smbios || cpuinfo === null) return undefined;
      if (!lscpu) return siCpuIdentity([], machine.firstCpuModel());
      const lines = cpuinfo.split('\n');
      // lscpu prints a model name only where cpuinfo has one; without, it could print '-'.
      if (!lines.some((line) => /^model name\s*:/.test(line))) return undefined;
      return siCpuIdentity(lines, machine.firstCpuModel());
    },
  };
}
