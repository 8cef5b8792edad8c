import { createHmac, createSecretKey } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { destination } from 'pino';

/*
 * The request log: one JSON line per request with the request id, method, route pattern (never
 * the raw URL, which may hold a license key), status, latency and, when the route resolved a
 * license, a short keyed hash of its id (HMAC with the data dir's log-hash.key), so one customer's
 * requests can be followed without the log naming them, and without anyone holding only the log
 * being able to hash every license id and match. Keys, codes, tokens, Instance IDs and bodies are
 * never logged.
 */

/** Where `authority start` appends the log unless --log says otherwise. */
export function defaultRequestLogPath(dataDir: string): string {
  return join(dataDir, 'logs', 'authority.log');
}

/** Somewhere lines go: the log file, stdout, or a test's array. */
export interface LogDestination {
  write(line: string): void;
}

export interface LogFile extends LogDestination {
  /** Writes what is buffered now. */
  flush(): void;
  /** Flushes, then opens the path again: after logrotate renamed the file, new lines go to a new one. */
  reopen(): void;
  close(): void;
}

/**
 * Appends to `path` (created with its folder, 0600) through pino's file destination (sonic-boom,
 * the writer Fastify's logger is made for). Lines are gathered until 4 KiB are waiting or 100 ms
 * have passed and then written in one synchronous write, so a burst of requests costs a few writes
 * rather than one per line. A normal stop loses nothing (close and exit flush); a kill -9 or a power
 * loss can lose the last 100 ms of lines.
 */
export function openLogFile(path: string): LogFile {
  const stream = destination({ dest: path, mkdir: true, mode: 0o600, sync: true, minLength: 4096, maxLength: 16 * 1024 * 1024, periodicFlush: 100 });
  let failing = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // A full disk must not stop the answers: those lines are lost, and said so once per outage.
    if (!failing) console.error(`keyhole authority: cannot write the request log ${path} (${error.code ?? error.message}); lines are dropped until it can`);
    failing = true;
  });
  stream.on('write', () => {
    failing = false;
  });
  const flush = () => {
    try {
      stream.flushSync();
    } catch (error) {
      stream.emit('error', error);
    }
  };
  const onExit = () => flush();
  process.once('exit', onExit);
  return {
    write: (line) => void stream.write(line),
    flush,
    // What was gathered goes to the file it was logged into; the next lines to the new one.
    reopen() {
      flush();
      stream.reopen();
    },
    close() {
      flush();
      process.removeListener('exit', onExit);
      stream.end();
    },
  };
}

const KEPT_HASHES = 10_000;

/** Pseudonymizes license ids for the log with `key` (the data dir's log-hash.key). */
export function licenseLogHasher(key: Uint8Array): (licenseId: number) => string {
  const secret = createSecretKey(key);
  // Kept per license (bounded), so a busy license's hash is computed once rather than per line.
  const kept = new Map<number, string>();
  return (licenseId) => {
    let hash = kept.get(licenseId);
    if (hash === undefined) {
      hash = createHmac('sha256', secret).update(`keyhole-license:${licenseId}`).digest('hex').slice(0, 12);
      if (kept.size >= KEPT_HASHES) kept.clear();
      kept.set(licenseId, hash);
    }
    return hash;
  };
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

/** The one JSON line for a finished request, in the shape `keyhole log find` and tools read. */
function requestLine(request: FastifyRequest, reply: FastifyReply, licenseLogHash: (licenseId: number) => string): string {
  const licenseId = licenseOf.get(request);
  const code = errorCodeOf.get(request);
  return `${JSON.stringify({
    level: INFO,
    time: new Date().toISOString(),
    request_id: request.id,
    method: request.method,
    route: request.routeOptions.url ?? '(no route)',
    status: reply.statusCode,
    ms: Math.round(reply.elapsedTime * 10) / 10,
    ...(licenseId === undefined ? {} : { license: licenseLogHash(licenseId) }),
    ...(code === undefined ? {} : { error: code }),
    msg: 'request',
  })}\n`;
}

/** pino's "info", so the lines read like the rest of a pino-based stack's logs. */
const INFO = 30;

/**
 * Adds the per-request line; JSON answers that carry `license.id` note it themselves. Written
 * straight to the destination rather than through Fastify's logger, which makes a child logger
 * per request for what is one line of known fields.
 */
export function addRequestLog(app: FastifyInstance, log: LogDestination, licenseLogHash: (licenseId: number) => string): void {
  // Callback hooks: nothing here waits, and an async hook would cost every request a promise.
  app.addHook('preSerialization', (request: FastifyRequest, _reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
    const id = (payload as { license?: { id?: unknown } } | null)?.license?.id;
    if (typeof id === 'number') noteLicense(request, id);
    done(null, payload);
  });
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    log.write(requestLine(request, reply, licenseLogHash));
    done();
  });
}
