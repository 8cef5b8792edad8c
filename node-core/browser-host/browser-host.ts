import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { requestPath } from '../../shared/http/request-path.ts';
import { EVENTS, type EventMessage, type Result, type Unsubscribe } from '../../shared/ipc/contract.ts';
import type { Door } from '../../shared/ipc/door.ts';
import { apiRefusal, hostAllowed } from './guard.ts';
import { securityHeaders, serveStatic } from './static-files.ts';

/*
 * The browser host: the real renderer against the real core in any browser. It serves the built
 * renderer and the SAME door as Electron's IPC (shared/ipc/door.ts) over HTTP on 127.0.0.1:
 *   POST /api/call    {channel, args} → Result      (guarded: Host, Origin, launch secret)
 *   GET  /api/events  text/event-stream of contract events (same guard)
 *   GET  /…           dist/ files
 * Plain Node: E2E tests and `npm start`'s fallback both start it through startBrowserHost().
 */

const MAX_BODY_BYTES = 64 * 1024;

export interface BrowserHostOptions {
  readonly door: Door;
  /** Where contract events come from (the app host's subscription). */
  readonly onEvent: (listener: (message: EventMessage) => void) => Unsubscribe;
  /** The built renderer (vite's dist/). */
  readonly staticDir: string;
  /**
   * The host app's own built pages, each served under its path prefix (e.g. '/studio/') beside
   * the activation screens, with the same CSP and the same origin (so they share the secret).
   */
  readonly pages?: readonly HostPages[];
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly log?: (message: string) => void;
}

export interface HostPages {
  /** Starts and ends with '/', e.g. '/studio/'. */
  readonly prefix: string;
  readonly dir: string;
}

export interface BrowserHost {
  /** Open this (it carries the launch secret once; the page moves it into a header). */
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...securityHeaders(), 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function refused(code: 'UNAUTHORIZED' | 'REQUEST_INVALID' | 'NOT_FOUND', hint: string): Result<never> {
  return { ok: false, error: new KeyholeError(code, hint).toInfo() };
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

/** Starts the host on 127.0.0.1 and resolves once it listens. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const secret = randomBytes(24).toString('base64url');
  const staticDir = resolve(options.staticDir);
  const pages = (options.pages ?? []).map((entry) => {
    if (!/^\/[a-z0-9-]+\/$/.test(entry.prefix)) throw new Error(`host pages prefix "${entry.prefix}" must look like "/name/"`);
    return { prefix: entry.prefix, dir: resolve(entry.dir) };
  });
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
    const pathname = requestPath(request.url ?? '/');
    if (pathname === null) return json(response, 400, refused('REQUEST_INVALID', 'the request target is not a path'));
    if (pathname.startsWith('/api/')) return handleApi(request, response, pathname);
    if (request.method === 'GET' || request.method === 'HEAD') {
      const own = pages.find((entry) => pathname.startsWith(entry.prefix));
      if (own) return serveStatic(own.dir, `/${pathname.slice(own.prefix.length)}`, response);
      return serveStatic(staticDir, pathname, response);
    }
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
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?k=${secret}`,
    origin,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
