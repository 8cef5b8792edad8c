import assert from 'node:assert/strict';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { test } from 'node:test';
import { firstNetworkMac, systemInformationSource } from './systeminformation-source.ts';

/* The MAC component, read from Node's interface list instead of a shell-out. */

const nic = (mac: string, internal = false): NetworkInterfaceInfo =>
  ({ address: '192.0.2.7', netmask: '255.255.255.0', family: 'IPv4', mac, internal, cidr: '192.0.2.7/24' }) as NetworkInterfaceInfo;

test('the first physical adapter wins; loopback, bridges, tunnels and all-zero MACs are skipped', () => {
  assert.equal(
    firstNetworkMac({
      lo: [nic('00:00:00:00:00:00', true)],
      docker0: [nic('02:42:ac:11:00:02')],
      'vEthernet (WSL)': [nic('00:15:5d:01:02:03')],
      tun0: [nic('00:00:00:00:00:00')],
      enp3s0: [nic('3c:7c:3f:1a:2b:3c')],
      wlan0: [nic('a4:5e:60:01:02:03')],
    }),
    '3c:7c:3f:1a:2b:3c',
  );
  assert.equal(firstNetworkMac({ lo: [nic('00:00:00:00:00:00', true)] }), null);
});

test('the real source reports the MAC Node sees for this machine', async () => {
  const collected = await systemInformationSource().collect();
  assert.equal(collected.values.mac, firstNetworkMac(networkInterfaces()));
});
