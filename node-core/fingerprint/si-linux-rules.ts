/*
 * systeminformation's Linux parsing rules (5.x: lib/util.js getValue and cleanString, lib/osinfo.js
 * uuid(), lib/system.js baseboard() and cleanDefaults, lib/cpu.js getCpu(), cpuBrandManufacturer
 * and cpuManufacturer), applied to text this process reads itself instead of text a shell printed.
 * Every stored fingerprint was hashed from systeminformation's values, so each function here must
 * return exactly what the matching systeminformation call returns for the same input: change one
 * only together with the compatibility test beside it.
 */

/** util.getValue: the text after the first `separator` on the first line that starts with `property` (tabs ignored). */
export function siValue(lines: readonly string[], property: string, separator = ':'): string {
  const wanted = property.toLowerCase();
  for (const line of lines) {
    if (!line.toLowerCase().replace(/\t/g, '').startsWith(wanted)) continue;
    const parts = line.split(separator);
    if (parts.length >= 2) return parts.slice(1).join(separator).trim();
  }
  return '';
}

/** What `echo -n "label: "; cat file 2>/dev/null; echo;` prints; null is a file cat could not read. */
function echoCat(label: string, text: string | null): string {
  return `${label}: ${text ?? ''}\n`;
}

/** The files uuid() reads on Linux, as text, or null when unreadable. */
export interface UuidFiles {
  readonly dbusMachineId: string | null;
  readonly etcMachineId: string | null;
  readonly productUuid: string | null;
  readonly cpuinfo: string | null;
}

/**
 * si.uuid() on Linux: `os` is /var/lib/dbus/machine-id (or /etc/machine-id when that cannot be read),
 * `hardware` the DMI product UUID, else the `Serial` line of /proc/cpuinfo (ARM boards).
 *
 * @example
 * siUuid({ dbusMachineId: 'AB12\n', etcMachineId: null, productUuid: null, cpuinfo: '' }) // { os: 'ab12', hardware: '' }
 */
export function siUuid(files: UuidFiles): { os: string; hardware: string } {
  const lines = (echoCat('os', files.dbusMachineId ?? files.etcMachineId) + echoCat('hardware', files.productUuid)).split('\n');
  const os = siValue(lines, 'os').toLowerCase();
  const hardware = siValue(lines, 'hardware').toLowerCase();
  if (hardware) return { os, hardware };
  return { os, hardware: files.cpuinfo === null ? '' : siValue(files.cpuinfo.split('\n'), 'serial') };
}

/** system.js cleanDefaults: firmware placeholders become ''. */
export function siCleanDefaults(value: string): string {
  const lower = value.toLowerCase();
  return lower.includes('o.e.m.') || lower.includes('default string') || lower === 'default' ? '' : value;
}

/** The DMI board files baseboard() prints before the serial, in its order (each text or null). */
export interface BoardFiles {
  readonly assetTag: string | null;
  readonly name: string | null;
  readonly serial: string | null;
}

/**
 * si.baseboard().serial on Linux x86 when dmidecode printed no structure (it cannot read the SMBIOS
 * tables, or is not installed): the sysfs board_serial line of its fallback command.
 */
export function siBoardSerialFromSysfs(files: BoardFiles): string {
  const text = echoCat('board_asset_tag', files.assetTag) + echoCat('board_name', files.name) + echoCat('board_serial', files.serial);
  return siCleanDefaults(siValue(text.split('\n'), 'board_serial'));
}

/** The si.cpu() fields the fingerprint joins. */
export interface CpuIdentity {
  readonly manufacturer: string;
  readonly brand: string;
  readonly family: string;
  readonly model: string;
  readonly stepping: string;
}

/*
 * cpu.js cpuManufacturer, in its order (the last match wins; a brand that names none is kept whole).
 * Its 'Xen' rule compares with the lower-cased brand and so never matches: left out here too.
 */
const MANUFACTURERS: readonly (readonly [string, string])[] = [
  ['intel', 'Intel'],
  ['amd', 'AMD'],
  ['qemu', 'QEMU'],
  ['hygon', 'Hygon'],
  ['centaur', 'WinChip/Via'],
  ['vmware', 'VMware'],
  ['tcg', 'QEMU'],
  ['apple', 'Apple'],
  ['sifive', 'SiFive'],
  ['thead', 'T-Head'],
  ['andestech', 'Andes Technology'],
];

function siCpuManufacturer(brand: string): string {
  const lower = brand.toLowerCase();
  let result = brand;
  for (const [needle, name] of MANUFACTURERS) if (lower.includes(needle)) result = name;
  return result;
}

/**
 * si.cpu() on Linux x86, from the lines its lscpu command printed (or /proc/cpuinfo, whose x86 fields
 * lscpu copies under the same names) and Node's first CPU model, which it uses when no line names one.
 *
 * @example
 * siCpuIdentity(['model name\t: Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz', 'cpu family\t: 6', 'model\t\t: 142', 'stepping\t: 10'], '')
 * // { manufacturer: 'Intel', brand: 'Core™ i7-8550U', family: '6', model: '142', stepping: '10' }
 */
export function siCpuIdentity(lines: readonly string[], firstCpuModel: string): CpuIdentity {
  let modelLine = siValue(lines, 'model name') || firstCpuModel;
  modelLine = siValue(lines, 'bios model name') || modelLine;
  modelLine = modelLine.replace(/To Be Filled By O.E.M./g, '');
  let brand = (modelLine.split('@')[0] ?? '').trim();
  if (brand.includes('Unknown')) brand = (brand.split('Unknown')[0] ?? '').trim();
  for (const [mark, sign] of [[/\(R\)+/g, '®'], [/\(TM\)+/g, '™'], [/\(C\)+/g, '©'], [/CPU+/g, '']] as const) {
    brand = brand.replace(mark, sign).replace(/\s+/g, ' ').trim();
  }
  return {
    manufacturer: siCpuManufacturer(brand),
    brand: brand.split(' ').slice(1).join(' '),
    family: siValue(lines, 'cpu family'),
    model: siValue(lines, 'model:'),
    stepping: siValue(lines, 'stepping'),
  };
}
