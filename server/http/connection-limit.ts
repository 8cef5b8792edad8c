import type { Server } from 'node:http';
import { clientKey, type TrustedProxies } from './client-address.ts';

/*
 * A cap on open connections per client address (an IPv6 client by its /64), so one client cannot
 * hold every socket the process can open while the rate limits only see finished requests. A
 * trusted proxy is exempt: it carries everybody's connections.
 */

export function limitConnectionsPerClient(server: Server, maxPerClient: number, proxies: TrustedProxies): void {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const peer = socket.remoteAddress;
    if (peer === undefined || proxies.trusts(peer)) return;
    const key = clientKey(peer);
    const count = (open.get(key) ?? 0) + 1;
    if (count > maxPerClient) {
      socket.destroy();
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}
