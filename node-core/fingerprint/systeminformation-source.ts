import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type si from 'systeminformation';
import type { FingerprintComponent } from '../../shared/license/fingerprint.ts';
import type { ComponentTimings, IdentifierSource, RawIdentifiers } from './identifier-source.ts';
import { linuxDirectReads, realLinuxMachine, type LinuxDirectReads } from './linux-direct-reads.ts';

/*
 * Reads the real identifiers. All reads start at once; each has its own timeout and its own catch,
 * so one slow or failing probe (a disk query on Windows, dmidecode without root) costs only its own
 * component. Nothing here needs root: without it most Linux hardware fields are simply empty, and
 * the fingerprint is weak. The MAC comes from Node's own interface list: it is in memory already,
 * where systeminformation's network probe runs shell commands synchronously on Linux and blocks the
 * event loop. On Linux the machine id, system UUID, board serial and CPU are read from /etc, /sys
 * and /proc (linux-direct-reads.ts) wherever that provably gives systeminformation's own values, so
 * the shell, dmidecode and lscpu are not spawned side by side; the disk serial (lsblk's udev view)
 * and everything on Windows and macOS stay with systeminformation, the portable way.
 */

const DEFAULT_TIMEOUT_MS = 3000;

/** Interface names of bridges, tunnels, containers and VM host adapters: not this machine's NIC. */
const VIRTUAL_INTERFACE = /^(lo|docker|veth|br-|virbr|vmnet|vboxnet|vnic|tun|tap|wg|zt|tailscale|utun|awdl|llw|anpi|ap\d|bridge|cni|flannel|cali|kube|vEthernet)/i;
const VIRTUAL_DESCRIPTION = /(virtual|hyper-v|vmware|virtualbox|vpn|tap-windows|loopback|bluetooth)/i;

interface Probe<T> {
  readonly value: T | null;
  readonly ms: number;
}

async function probe<T>(read: () => Promise<T>, timeoutMs: number): Promise<Probe<T>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
    timer.unref();
  });
  try {
    const value = await Promise.race([read(), timeout]);
    return { value, ms: Math.round(performance.now() - started) };
  } catch {
    return { value: null, ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The first physical adapter's MAC in the OS's order, skipping loopback, bridges, tunnels and VM
 * host adapters (by name, which on Windows is the adapter's description too).
 *
 * @example
 * firstNetworkMac(networkInterfaces()) // '3c:7c:3f:1a:2b:3c'
 */
export function firstNetworkMac(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string | null {
  for (const [name, addresses] of Object.entries(interfaces)) {
    if (VIRTUAL_INTERFACE.test(name) || VIRTUAL_DESCRIPTION.test(name)) continue;
    const address = addresses?.find((entry) => !entry.internal && entry.mac && !/^(00:){5}00$/.test(entry.mac));
    if (address) return address.mac;
  }
  return null;
}

function firstDiskSerial(disks: si.Systeminformation.DiskLayoutData[]): string | null {
  // Removable disks come and go; the first fixed disk with a serial is the stable one.
  const fixed = disks.filter((disk) => !/usb/i.test(disk.interfaceType ?? '') && disk.serialNum?.trim());
  return fixed[0]?.serialNum ?? null;
}

/** The DMI system UUID on Linux (readable by root only; null otherwise, as si.system() gives then). */
export async function linuxSystemUuid(): Promise<{ uuid: string | null }> {
  // A sysfs file answered from memory: read at once (see linux-direct-reads.ts).
  const text = (await realLinuxMachine().read('/sys/class/dmi/id/product_uuid')) ?? '';
  return { uuid: text.trim().toLowerCase() || null };
}

export interface SystemInformationSourceOptions {
  readonly timeoutMs?: number;
  /** Linux reads that skip systeminformation where they provably agree with it; null: ask it for everything. */
  readonly direct?: LinuxDirectReads | null;
}

/** The real machine: read directly on Linux where that gives systeminformation's values, through systeminformation elsewhere. */
export function systemInformationSource(options: SystemInformationSourceOptions = {}): IdentifierSource {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const direct = options.direct === undefined ? (process.platform === 'linux' ? linuxDirectReads() : null) : options.direct;
  return {
    kind: 'systeminformation',
    async collect() {
      // Start-up decides from the stored fingerprint and asks for this read in the background: the
      // read waits for that first evaluation (a turn of the event loop) instead of competing with it.
      await new Promise<void>((resolve) => setImmediate(resolve));
      // Loaded on the first read, not at start-up.
      let loaded: Promise<typeof si> | undefined;
      const load = () => (loaded ??= import('systeminformation').then((module) => module.default));
      // With the direct reads only the disk is left to it: its filesystem module alone, else the whole.
      const diskLayout = async () =>
        direct ? (await import('systeminformation/lib/filesystem.js').catch(() => load())).diskLayout() : (await load()).diskLayout();
      // The disk's command is started first; the direct reads, each a moment of this thread, run
      // while it works instead of before it starts.
      const disks = probe(diskLayout, timeoutMs);
      if (direct) await new Promise<void>((resolve) => setImmediate(resolve));
      const [uuid, system, board, cpu, nics] = await Promise.all([
        probe(async () => (direct ? direct.uuid() : (await load()).uuid()), timeoutMs),
        probe(async () => (process.platform === 'linux' ? linuxSystemUuid() : (await load()).system()), timeoutMs),
        probe(async () => ({ serial: (await direct?.baseboardSerial()) ?? (await (await load()).baseboard()).serial }), timeoutMs),
        probe(async () => (await direct?.cpu()) ?? (await load()).cpu(), timeoutMs),
        probe(async () => firstNetworkMac(networkInterfaces()), timeoutMs),
      ]);
      const disk = await disks;
      const cpuIdentity = cpu.value
        ? [cpu.value.manufacturer, cpu.value.brand, cpu.value.family, cpu.value.model, cpu.value.stepping].join('|')
        : null;
      const values: RawIdentifiers = {
        machineId: uuid.value?.os ?? null,
        systemUuid: system.value?.uuid || uuid.value?.hardware || null,
        baseboardSerial: board.value?.serial ?? null,
        diskSerial: disk.value ? firstDiskSerial(disk.value) : null,
        cpu: cpuIdentity,
        mac: nics.value,
      };
      const timings: ComponentTimings = {
        machineId: uuid.ms,
        systemUuid: Math.max(system.ms, uuid.ms),
        baseboardSerial: board.ms,
        diskSerial: disk.ms,
        cpu: cpu.ms,
        mac: nics.ms,
      };
      const probes: Record<FingerprintComponent, Probe<unknown>> = {
        machineId: uuid,
        systemUuid: system,
        baseboardSerial: board,
        diskSerial: disk,
        cpu,
        mac: nics,
      };
      const failed = (Object.keys(probes) as FingerprintComponent[]).filter((name) => probes[name].value === null);
      return { values, timings, failed };
    },
  };
}
