/*
 * Child of tests/bench/startup-library.ts (figure 2): loads the modules, then times one read — the whole
 * fingerprint source, or one of its components alone, each read the way the source reads it (on
 * Linux directly from /etc, /sys and /proc where that gives systeminformation's values, else
 * through systeminformation) — and prints the milliseconds.
 *   argv: all | uuid | system | baseboard | diskLayout | cpu | mac
 */
import { networkInterfaces } from 'node:os';
import si from 'systeminformation';
// Loaded here with the rest, so no read below pays for a module load (the source takes the disk from it on Linux).
import { diskLayout as linuxDiskLayout } from 'systeminformation/lib/filesystem.js';
import { linuxDirectReads } from '../../../node-core/fingerprint/linux-direct-reads.ts';
import { firstNetworkMac, linuxSystemUuid, systemInformationSource } from '../../../node-core/fingerprint/systeminformation-source.ts';

const linux = process.platform === 'linux';
const direct = linux ? linuxDirectReads() : null;

const READS: Record<string, () => Promise<unknown>> = {
  all: () => systemInformationSource().collect(),
  uuid: () => (direct ? direct.uuid() : si.uuid()),
  system: () => (linux ? linuxSystemUuid() : si.system()),
  baseboard: async () => (await direct?.baseboardSerial()) ?? si.baseboard(),
  diskLayout: () => (linux ? linuxDiskLayout() : si.diskLayout()),
  cpu: async () => (await direct?.cpu()) ?? si.cpu(),
  mac: async () => firstNetworkMac(networkInterfaces()),
};

const read = READS[process.argv[2] ?? ''];
if (!read) throw new Error(`usage: startup-fingerprint-probe ${Object.keys(READS).join('|')}`);
const started = performance.now();
await read();
console.log((performance.now() - started).toFixed(1));
process.exit(0);
