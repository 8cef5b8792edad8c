import { resolve } from 'node:path';
import type { ServerResponse } from 'node:http';
import { EVENTS, type EventMessage, type Unsubscribe } from '../../shared/ipc/contract.ts';
import type { Door } from '../../shared/ipc/door.ts';
import { READ_ONLY_CHANNELS, READ_ONLY_EVENTS } from '../../shared/ipc/read-only.ts';
import { sameSecret } from './guard.ts';
import { queryOf, redirect, startSite, type Site } from './site.ts';
import { securityHeaders, serveStatic } from './static-files.ts';

/*
 * The browser host: the real renderer against the real core in any browser. It serves the built
 * renderer and the SAME door as Electron's IPC (shared/ipc/door.ts) over HTTP on 127.0.0.1:
 *   POST /api/call    {channel, args} → Result      (guarded: Host, Origin, launch secret)
 *   GET  /api/events  text/event-stream of contract events (same guard)
 *   GET  /…           dist/ files
 * The host app's own pages get an origin of their own (another port, another secret) whose door
 * answers only the read-only channels, as Electron's `hostPages` check does by frame: a page on
 * one origin could script a window of the other, so one origin could not tell them apart. Its
 * `/activate` is where such a page sends the user for the activation screens: a navigation that
 * carries the pages' secret is redirected to them with theirs, which no script on the pages'
 * origin can read. Plain Node: E2E tests and `npm start`'s fallback both start it through
 * startBrowserHost().
 */

export interface BrowserHostOptions {
  readonly door: Door;
  /** Where contract events come from (the app host's subscription). */
  readonly onEvent: (listener: (message: EventMessage) => void) => Unsubscribe;
  /** The built renderer (vite's dist/). */
  readonly staticDir: string;
  /**
   * The host app's own built pages, each served under its path prefix (e.g. '/studio/') on their
   * own origin, with the same CSP, reading the license only.
   */
  readonly pages?: readonly HostPages[];
  /** 0 (default) picks a free port for the activation screens. */
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
  /** The host app's pages' own origin, or null when it has none. */
  readonly pagesOrigin: string | null;
  /** The address of one of the host app's pages, with their (read-only) secret; null without pages. */
  pageUrl(path: string): string | null;
  close(): Promise<void>;
}

const READ_ONLY_EVENT_NAMES = new Set((Object.keys(EVENTS) as EventMessage['event'][]).filter((event) => (READ_ONLY_EVENTS as readonly string[]).includes(EVENTS[event].channel)));

/** Starts the host on 127.0.0.1 and resolves once it listens. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const staticDir = resolve(options.staticDir);
  const pages = (options.pages ?? []).map((entry) => {
    if (!/^\/[a-z0-9-]+\/$/.test(entry.prefix)) throw new Error(`host pages prefix "${entry.prefix}" must look like "/name/"`);
    return { prefix: entry.prefix, dir: resolve(entry.dir) };
  });
  const shared = { door: options.door, onEvent: options.onEvent, ...(options.log ? { log: options.log } : {}) };
  let pagesSite: Site | null = null;

  const screens = await startSite({
    ...shared,
    ...(options.port !== undefined ? { port: options.port } : {}),
    mayCall: () => true,
    mayHear: () => true,
    page(pathname, _target, _request, response) {
      // A product page asked for on this origin lives on its own now.
      const page = pages.find((entry) => pathname.startsWith(entry.prefix) || pathname === entry.prefix.slice(0, -1));
      if (page && pagesSite) return redirect(response, 308, `${pagesSite.origin}${pathname}`);
      return serveStatic(staticDir, pathname, response);
    },
  });

  if (pages.length > 0) {
    try {
      pagesSite = await startSite({
        ...shared,
        mayCall: (channel) => READ_ONLY_CHANNELS.has(channel),
        mayHear: (event) => READ_ONLY_EVENT_NAMES.has(event),
        page(pathname, target, request, response) {
          if (pathname === '/activate') return toActivationScreens(request.headers['sec-fetch-dest'], target, response);
          // '/studio' is the page too: its relative asset URLs need the trailing slash.
          const bare = pages.find((entry) => pathname === entry.prefix.slice(0, -1));
          if (bare) return redirect(response, 308, `${bare.prefix}${queryOf(target)}`);
          const own = pages.find((entry) => pathname.startsWith(entry.prefix));
          if (own) return serveStatic(own.dir, `/${pathname.slice(own.prefix.length)}`, response);
          response.writeHead(404, { ...securityHeaders(), 'content-type': 'text/plain' }).end('Not found');
        },
      });
    } catch (error) {
      await screens.close();
      throw error;
    }
  }

  /** The pages' "License…": their secret in, the screens' address out, for a navigation only. */
  function toActivationScreens(dest: string | string[] | undefined, target: string, response: ServerResponse): void {
    const given = new URLSearchParams(queryOf(target)).get('k') ?? '';
    if (!pagesSite || !sameSecret(given, pagesSite.secret) || (dest !== undefined && dest !== 'document')) {
      response.writeHead(403, { ...securityHeaders(), 'content-type': 'text/plain' }).end('Open the activation screens from the product’s own page.');
      return;
    }
    redirect(response, 303, `${screens.origin}/?k=${screens.secret}`);
  }

  return {
    url: `${screens.origin}/?k=${screens.secret}`,
    origin: screens.origin,
    pagesOrigin: pagesSite?.origin ?? null,
    pageUrl: (path) => (pagesSite ? `${pagesSite.origin}${path}?k=${pagesSite.secret}` : null),
    async close() {
      await Promise.all([screens.close(), pagesSite?.close()]);
    },
  };
}
