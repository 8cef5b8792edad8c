/*
 * Child of tests/bench/startup-library.ts (figure 2): loads the modules, then times one read — the whole
 * fingerprint source, or one of its components alone — and prints the milliseconds.
 *   argv: all | uuid | system | baseboard | diskLayout | cpu | mac
 */
import { networkInterfaces } from 'node:os';
import si from 'systeminformation';
import { firstNetworkMac, linuxSystemUuid, systemInformationSource } from '../../../node-core/fingerprint/systeminformation-source.ts';

const READS: Record<string, () => Promise<unknown>> = {
  all: () => systemInformationSource().collect(),
  uuid: () => si.uuid(),
  // As the source reads it: sysfs on Linux, systeminformation elsewhere.
  system: () => (process.platform === 'linux' ? linuxSystemUuid() : si.system()),
  baseboard: () => si.baseboard(),
  diskLayout: () => si.diskLayout(),
  cpu: () => si.cpu(),
  mac: async () => firstNetworkMac(networkInterfaces()),
};

const read = READS[process.argv[2] ?? ''];
if (!read) throw new Error(`usage: startup-fingerprint-probe ${Object.keys(READS).join('|')}`);
const started = performance.now();
await read();
console.log((performance.now() - started).toFixed(1));
process.exit(0);
