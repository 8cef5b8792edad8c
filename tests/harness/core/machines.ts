import type { RawIdentifiers } from '../../../node-core/fingerprint/identifier-source.ts';

/*
 * Raw identifier sets for tests: one office PC and what happens to it. Values are made up but
 * shaped like the real ones.
 */

export const OFFICE_PC: RawIdentifiers = {
  machineId: '3d1219c7c4c5404aaa1f6d2a48adfda4',
  systemUuid: '4c4c4544-0051-3510-8052-b3c04f4e3432',
  baseboardSerial: '/7QR5B42/CNCMK0019E00AE/',
  diskSerial: 'S4EWNX0R123456',
  cpu: 'Intel|Core™ i7-10700|6|165|5',
  mac: '3c:7c:3f:1a:2b:3c',
};

/** Same machine, a USB network adapter added (and listed first). */
export const OFFICE_PC_NEW_NIC: RawIdentifiers = { ...OFFICE_PC, mac: '00:e0:4c:68:01:02' };

/** Another computer of the same model the store was copied to. */
export const OTHER_PC: RawIdentifiers = {
  machineId: 'a91b2c3d4e5f40718293a4b5c6d7e8f9',
  systemUuid: '4c4c4544-0047-4810-8032-c8c04f4e3432',
  baseboardSerial: '/9XK2C31/CNCMK0021F00BC/',
  diskSerial: 'S4EWNX0R654321',
  cpu: 'Intel|Core™ i7-10700|6|165|5',
  mac: '3c:7c:3f:9a:8b:7c',
};

/** A container: machine id from the image, CPU, a random MAC; no hardware identifiers. */
export const CONTAINER: RawIdentifiers = {
  machineId: '3d1219c7c4c5404aaa1f6d2a48adfda4',
  systemUuid: null,
  baseboardSerial: null,
  diskSerial: null,
  cpu: 'AMD|EPYC|25|1|1',
  mac: '02:fc:00:00:00:01',
};

/** A VM whose hypervisor hands out a new MAC on every start. */
export const VM_BOOT_1: RawIdentifiers = {
  machineId: 'b7e1f0c2d3a4459687a1b2c3d4e5f601',
  systemUuid: '564d8f3a-1b2c-3d4e-5f60-718293a4b5c6',
  baseboardSerial: 'None',
  diskSerial: null,
  cpu: 'Intel|Xeon® Gold 6248|6|85|7',
  mac: '00:50:56:a1:b2:c3',
};
export const VM_BOOT_2: RawIdentifiers = { ...VM_BOOT_1, mac: '00:50:56:a9:88:77' };
