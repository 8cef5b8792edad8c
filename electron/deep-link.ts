import { app } from 'electron';
import { resolve } from 'node:path';
import type { AppHost } from '../node-core/app/app-host.ts';

/*
 * Activate links (`keyhole://activate?key=…`) from the OS: macOS hands them to the running app as
 * `open-url` (possibly before ready), Windows and Linux start the app with the link in argv, and a
 * second launch's argv reaches the first instance as `second-instance` (lifecycle.ts holds the
 * lock and focuses the window). Everything is handed to the host, which keeps only a key-shaped
 * value from an `activate` link and never activates by itself.
 */

/** Enough for a burst of clicks before the window exists; older links are dropped. */
const MAX_WAITING = 8;

export interface DeepLinks {
  /** Registers the product's scheme with the OS and hands every link so far, and from now on, to `host`. */
  deliverTo(host: AppHost): void;
}

/** Call before ready, so an `open-url` that starts the app on macOS is not lost. */
export function setupDeepLinks(argv: readonly string[] = process.argv): DeepLinks {
  let host: AppHost | null = null;
  const waiting: string[] = [];
  const hand = (candidates: readonly string[]) => {
    // argv also holds the executable, flags and paths: only text that looks like an address is a candidate.
    for (const candidate of candidates.filter((arg) => /^[a-z][a-z0-9+.-]{1,31}:/i.test(arg))) {
      if (host) deliver(host, candidate);
      else if (waiting.push(candidate) > MAX_WAITING) waiting.shift();
    }
  };

  app.on('open-url', (event, url) => {
    event.preventDefault();
    hand([url]);
  });
  app.on('second-instance', (_event, secondArgv) => hand(secondArgv));
  hand(argv.slice(1));

  return {
    deliverTo(target) {
      host = target;
      const scheme = target.info.urlScheme;
      if (scheme) registerScheme(scheme, argv);
      for (const link of waiting.splice(0)) deliver(target, link);
    },
  };
}

function deliver(host: AppHost, candidate: string): void {
  const scheme = host.info.urlScheme;
  // Another scheme (a file path on Windows, "C:\…", looks like one) is not a link for this app.
  if (scheme && candidate.toLowerCase().startsWith(`${scheme}:`)) host.openLink(candidate);
}

/** An unpackaged run (`electron .`) registers the command that starts it, so the link reaches this checkout. */
function registerScheme(scheme: string, argv: readonly string[]): void {
  const entry = argv[1];
  if (app.isPackaged || entry === undefined) app.setAsDefaultProtocolClient(scheme);
  else app.setAsDefaultProtocolClient(scheme, process.execPath, [resolve(entry)]);
}
