import type { AppInfo, EventMessage, HandlerTable, LicenseView, Unsubscribe } from '../../shared/ipc/contract.ts';
import type { DoorLog } from '../../shared/ipc/door.ts';
import { toAppInfo, type AppInfoFacts } from './app-info.ts';
import { createLicenseCore, type LicenseCoreOptions } from '../create-license-core.ts';
import { createHandlers } from './handlers.ts';
import { createLinkInbox } from './link-inbox.ts';
import type { SupportPlatform } from './handlers/support-handlers.ts';
import { toLicenseView } from './license-view.ts';
import { startRevalidation } from '../license/revalidation.ts';

/*
 * Everything main does, minus the transport: the core service, the handler table, the periodic
 * validation and the event fan-out. Electron (electron/license-host.ts) and the browser host
 * (node-core/browser-host/) each put their own door in front of the same AppHost.
 */

export interface AppHostOptions extends LicenseCoreOptions, AppInfoFacts {
  readonly tickMs?: number;
  readonly retryMs?: number;
  /** Save dialog and file manager where the host has them (Electron); see support-handlers.ts. */
  readonly platform?: SupportPlatform;
}

export interface AppHost {
  readonly info: AppInfo;
  readonly handlers: HandlerTable;
  /** Contract events (status pushes) for every window; returns the unsubscribe. */
  onEvent(listener: (message: EventMessage) => void): Unsubscribe;
  /** An activate link from the OS (argv, open-url): its key waits for the window, which is told. */
  openLink(link: string): void;
  readonly log: DoorLog;
  close(): void;
  /** Settles when every change to the store so far is on disk (a host without a store has none to wait for). */
  flushed?(): Promise<void>;
}

/** Pushes only when something a screen shows changed (not merely the evaluation time). */
function fingerprintOf(view: LicenseView): string {
  return JSON.stringify({ ...view, evaluatedAt: 0, nextValidationAt: 0 });
}

export function createAppHost(options: AppHostOptions): AppHost {
  const log: DoorLog = (message, error) => options.log?.(error === undefined ? message : `${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const core = createLicenseCore(options);
  const { service } = core;
  const info = toAppInfo(options.product, options);
  const listeners = new Set<(message: EventMessage) => void>();
  let last = '';

  function publish(view: LicenseView): void {
    const current = fingerprintOf(view);
    if (current === last) return;
    last = current;
    for (const listener of listeners) listener({ event: 'licenseChanged', payload: view });
  }

  const revalidation = startRevalidation(service, {
    onStatus: (snapshot) => publish(toLicenseView(snapshot)),
    ...(options.tickMs ? { tickMs: options.tickMs } : {}),
    ...(options.retryMs ? { retryMs: options.retryMs } : {}),
    log,
  });

  const links = createLinkInbox(info.urlScheme, (line) => log(line));
  // The first state came from the stored fingerprint; other hardware is shown as soon as it is read,
  // after any check in flight (which decided on the stored one) so its push cannot come last.
  const stopMachine = core.machine.onChange(() => {
    revalidation
      .runNow()
      .then(() => service.getStatus())
      .then(
        (snapshot) => publish(toLicenseView(snapshot)),
        (error: unknown) => log('license re-evaluation after a hardware change', error),
      );
  });

  return {
    info,
    handlers: createHandlers({ core, service, info, publish, links, ...(options.platform ? { platform: options.platform } : {}) }),
    openLink(link) {
      if (!links.offer(link)) return;
      for (const listener of listeners) listener({ event: 'linkOpened', payload: { waiting: true } });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    log,
    close() {
      stopMachine();
      revalidation.stop();
    },
    flushed: () => core.store.flushed(),
  };
}
