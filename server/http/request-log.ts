import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/*
 * The request log: one JSON line per request with the request id, method, route pattern (never
 * the raw URL, which may hold a license key), status, latency and, when the route resolved a
 * license, a short hash of its id, so one customer's requests can be followed without the log
 * naming them. Keys, codes, tokens, Instance IDs and bodies are never logged.
 */

/** Where `authority start` appends the log unless --log says otherwise. */
export function defaultRequestLogPath(dataDir: string): string {
  return join(dataDir, 'logs', 'authority.log');
}

/** Somewhere lines go: the log file, stdout, or a test's array. */
export interface LogDestination {
  write(line: string): void;
}

/** Appends to `path` (created with its folder), one synchronous write per line so a crash loses none. */
export function openLogFile(path: string): LogDestination & { close(): void } {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'a', 0o600);
  return {
    write: (line) => void writeSync(fd, line),
    close: () => closeSync(fd),
  };
}

/** A short, stable pseudonym for a license id in the log. */
export function licenseLogHash(licenseId: number): string {
  return createHash('sha256').update(`keyhole-license:${licenseId}`).digest('hex').slice(0, 12);
}

const licenseOf = new WeakMap<FastifyRequest, number>();
const errorCodeOf = new WeakMap<FastifyRequest, string>();

/** Records the license a route resolved, for the log line. */
export function noteLicense(request: FastifyRequest, licenseId: number): void {
  licenseOf.set(request, licenseId);
}

/** Records the catalog code an error answer carried, for the log line. */
export function noteErrorCode(request: FastifyRequest, code: string): void {
  errorCodeOf.set(request, code);
}

/** Adds the per-request line; JSON answers that carry `license.id` note it themselves. */
export function addRequestLog(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
    const id = (payload as { license?: { id?: unknown } } | null)?.license?.id;
    if (typeof id === 'number') noteLicense(request, id);
    return payload;
  });
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const licenseId = licenseOf.get(request);
    const code = errorCodeOf.get(request);
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(licenseId === undefined ? {} : { license: licenseLogHash(licenseId) }),
        ...(code === undefined ? {} : { error: code }),
      },
      'request',
    );
  });
}
