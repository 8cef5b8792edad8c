import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { requestPath } from '../../shared/http/request-path.ts';
import { EVENTS, type EventMessage, type Result, type Unsubscribe } from '../../shared/ipc/contract.ts';
import type { Door } from '../../shared/ipc/door.ts';
import { apiRefusal, hostAllowed } from './guard.ts';
import { securityHeaders } from './static-files.ts';

/*
 * One loopback origin of the browser host: its own port and per-launch secret, the guard in front
 * of its API (Host, Origin, secret), the door behind it narrowed to the channels and events this
 * origin's pages may use, and its pages. Nothing thrown while answering escapes the listener.
 */

const MAX_BODY_BYTES = 64 * 1024;

export interface SiteOptions {
  readonly door: Door;
  readonly onEvent: (listener: (message: EventMessage) => void) => Unsubscribe;
  /** The channels this origin's pages may call (refused with UNAUTHORIZED otherwise). */
  readonly mayCall: (channel: string) => boolean;
  readonly mayHear: (event: EventMessage['event']) => boolean;
  /** Answers a GET or HEAD outside /api/ (`target` is the raw request target, query included). */
  readonly page: (pathname: string, target: string, request: IncomingMessage, response: ServerResponse) => Promise<void> | void;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly log?: (message: string) => void;
}

export interface Site {
  readonly origin: string;
  readonly secret: string;
  close(): Promise<void>;
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...securityHeaders(), 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

export function refused(code: 'UNAUTHORIZED' | 'REQUEST_INVALID' | 'NOT_FOUND', hint: string): Result<never> {
  return { ok: false, error: new KeyholeError(code, hint).toInfo() };
}

/** The `?…` part of a request target (a launch secret rides there), or ''. */
export function queryOf(target: string): string {
  const at = target.indexOf('?');
  return at < 0 ? '' : target.slice(at).split('#', 1)[0]!;
}

export function redirect(response: ServerResponse, status: 303 | 308, location: string): void {
  response.writeHead(status, { ...securityHeaders(), location, 'cache-control': 'no-store' }).end();
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new KeyholeError('REQUEST_INVALID', 'request body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new KeyholeError('REQUEST_INVALID', 'request body is not JSON');
  }
}

/** Starts one origin on 127.0.0.1 and resolves once it listens. */
export async function startSite(options: SiteOptions): Promise<Site> {
  const secret = randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  let port = 0;

  async function handleApi(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    const refusal = apiRefusal(request, { port, secret });
    if (refusal) return json(response, 403, refused('UNAUTHORIZED', refusal));
    if (pathname === '/api/call' && request.method === 'POST') {
      if (!request.headers['content-type']?.startsWith('application/json')) {
        return json(response, 415, refused('REQUEST_INVALID', 'expected application/json'));
      }
      let body: unknown;
      try {
        body = await readJson(request);
      } catch (error) {
        return json(response, 400, { ok: false, error: (error as KeyholeError).toInfo() });
      }
      const { channel, args } = (body ?? {}) as { channel?: unknown; args?: unknown };
      if (typeof channel !== 'string') return json(response, 400, refused('REQUEST_INVALID', 'no channel named'));
      if (!options.mayCall(channel)) return json(response, 403, refused('UNAUTHORIZED', `this page may only read the license, not call "${channel}"`));
      return json(response, 200, await options.door.call(channel, args));
    }
    if (pathname === '/api/events' && request.method === 'GET') return openStream(response);
    return json(response, 404, refused('NOT_FOUND', `${request.method} ${pathname}`));
  }

  function openStream(response: ServerResponse): void {
    response.writeHead(200, { ...securityHeaders(), 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    response.write(': connected\n\n');
    streams.add(response);
    const stop = options.onEvent((message) => {
      if (!options.mayHear(message.event)) return;
      response.write(`event: ${EVENTS[message.event].channel}\ndata: ${JSON.stringify(message.payload)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    response.on('close', () => {
      clearInterval(heartbeat);
      stop();
      streams.delete(response);
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hostAllowed(request, { port, secret })) {
      response.writeHead(421, { 'content-type': 'text/plain' }).end('Wrong host');
      return;
    }
    const target = request.url ?? '/';
    const pathname = requestPath(target);
    if (pathname === null) return json(response, 400, refused('REQUEST_INVALID', 'the request target is not a path'));
    if (pathname.startsWith('/api/')) return handleApi(request, response, pathname);
    if (request.method === 'GET' || request.method === 'HEAD') return options.page(pathname, target, request, response);
    response.writeHead(405).end();
  }

  // Any web page can send requests here (an <img> pointing at the port), so nothing thrown while
  // answering may escape the listener: that would end the app.
  const server = createServer((request, response) => {
    const failed = (error: unknown) => {
      options.log?.(`browser host: ${String(error)}`);
      try {
        if (!response.headersSent) json(response, 500, refused('REQUEST_INVALID', 'the request could not be handled'));
        else response.end();
      } catch {
        response.destroy();
      }
    };
    try {
      handle(request, response).catch(failed);
    } catch (error) {
      failed(error);
    }
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  port = (server.address() as AddressInfo).port;

  return {
    origin: `http://127.0.0.1:${port}`,
    secret,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
