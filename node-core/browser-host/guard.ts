import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/*
 * The browser host's sender check, its equivalent of Electron's "main frame of our window": a
 * request to the API must name our loopback host (no DNS rebinding), come from our own origin (no
 * other page in the browser), and carry the per-launch secret in a header (no other local
 * process or user that merely found the port).
 */

export const SECRET_HEADER = 'x-keyhole-secret';

export interface GuardConfig {
  readonly port: number;
  readonly secret: string;
}

function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** True when the Host header is our loopback address (checked for every request, pages included). */
export function hostAllowed(request: IncomingMessage, config: GuardConfig): boolean {
  return allowedHosts(config.port).includes(request.headers.host ?? '');
}

/** Compares secrets in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why an API request is refused, or null when it may reach the door. */
export function apiRefusal(request: IncomingMessage, config: GuardConfig): string | null {
  const origin = request.headers.origin;
  const origins = allowedHosts(config.port).map((host) => `http://${host}`);
  // Browsers send Origin on every POST; a GET from our page may omit it, another page's may not.
  if (origin !== undefined ? !origins.includes(origin) : request.method !== 'GET') return 'foreign or missing Origin';
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return `cross-site request (${site})`;
  const secret = request.headers[SECRET_HEADER];
  if (typeof secret !== 'string' || !sameSecret(secret, config.secret)) return 'missing or wrong launch secret';
  return null;
}
