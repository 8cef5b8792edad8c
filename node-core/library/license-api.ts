import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import type { OfflineRequestInfo, DeactivationCodeInfo } from '../../shared/ipc/channels/offline.ts';
import type { AppInfo, ErrorInfo, LicenseView, ResponseOf, Unsubscribe, Verb } from '../../shared/ipc/contract.ts';
import type { Door } from '../../shared/ipc/door.ts';
import type { AppHost } from '../app/app-host.ts';

/*
 * The vendor-facing license API over an app host. Every call goes through the same door as a
 * window's (the contract's argument checks, throws turned into catalog codes), so the library
 * keeps no rule of its own: the Node entry (./index.ts) and the Electron entry both wrap this.
 * The door and the contract's schemas are loaded with the first call, not at start-up: `ready`
 * is the argument-less status read, which the handler answers directly, its failure turned into
 * a catalog code by the door's own rule.
 */

export interface License {
  /** The contract's license view; null until {@link License.ready} settles. */
  readonly state: LicenseView | null;
  /** Product facts (name, plugin catalog, support contact), from the product config. */
  readonly info: AppInfo;
  /** True when the plugin is licensed and features are on right now. */
  has(pluginId: string): boolean;
  /** Called with every new view (actions, re-validation, lease and clock boundaries). */
  onChange(listener: (view: LicenseView) => void): Unsubscribe;
  /** Settles once the first local evaluation is in (no network wait): the product may start. */
  readonly ready: Promise<LicenseView>;
  /** Activates online (or changes the key); rejects with a KeyholeError carrying a catalog code. */
  activate(licenseKey: string): Promise<LicenseView>;
  /**
   * Starts this machine's free trial on the product config's trial plan (no key; one per machine);
   * rejects with a KeyholeError (TRIAL_ALREADY_USED, TRIAL_NEEDS_INTERNET, …), changing nothing.
   */
  startTrial(): Promise<LicenseView>;
  /** Frees this machine's slot on the authority and forgets the local activation. */
  deactivate(): Promise<LicenseView>;
  /** Asks the authority now; a server problem comes back as `problem`, not as a rejection. */
  validateNow(): Promise<ResponseOf<'validateNow'>>;
  /** Offline step 1: the request code to carry to a connected computer. No network. */
  requestCode(licenseKey: string): Promise<OfflineRequestInfo>;
  /** Offline step 3: imports the activation code from the vendor's manual page. */
  importActivationCode(activationCode: string): Promise<LicenseView>;
  /** Removes an offline activation here; the code frees its slot on the manual page later. */
  deactivateOffline(): Promise<{ readonly license: LicenseView; readonly deactivation: DeactivationCodeInfo }>;
  /**
   * Stops re-validation and drops the listeners; settles once every change is on disk (await it
   * before `process.exit`). The store stays.
   */
  close(): Promise<void>;
}

/** An ErrorInfo back into the one internal error type, so callers can `catch (e) { e.code }`. */
function toError(info: ErrorInfo): KeyholeError {
  return new KeyholeError(info.code, info.hint, info.details);
}

/**
 * Wraps an app host into the {@link License} API.
 *
 * @example
 * const license = licenseOverHost(createAppHost(options));
 * await license.ready; if (license.has('reports')) showReports();
 */
export function licenseOverHost(host: AppHost): License {
  let door: Promise<{ door: Door; channelOf: (verb: Verb) => string }> | null = null;
  const openDoor = () =>
    (door ??= Promise.all([import('../../shared/ipc/door.ts'), import('../../shared/ipc/contract.ts')]).then(([{ createDoor }, { CHANNELS }]) => ({
      door: createDoor(host.handlers, host.log),
      channelOf: (verb: Verb) => CHANNELS[verb].channel,
    })));
  const listeners = new Set<(view: LicenseView) => void>();
  let state: LicenseView | null = null;

  let shown = '';

  /** Keeps the newest view; listeners hear only what a screen would show differently. */
  function show(view: LicenseView): LicenseView {
    state = view;
    const current = JSON.stringify({ ...view, evaluatedAt: 0, nextValidationAt: 0 });
    if (current !== shown) {
      shown = current;
      for (const listener of listeners) listener(view);
    }
    return view;
  }

  async function call<V extends Verb>(verb: V, ...args: unknown[]): Promise<ResponseOf<V>> {
    const { door, channelOf } = await openDoor();
    const result = await door.call(channelOf(verb), args);
    if (!result.ok) throw toError(result.error);
    return result.value as ResponseOf<V>;
  }

  const stopEvents = host.onEvent((message) => {
    if (message.event === 'licenseChanged') show(message.payload);
  });
  const ready = (async () => {
    try {
      return await host.handlers.getLicense();
    } catch (error) {
      const { toErrorInfo } = await import('../../shared/ipc/door.ts');
      throw toError(toErrorInfo(error, host.log));
    }
  })().then((view) => state ?? show(view));
  // A failed first read is the caller's to see on `ready`; without this it would also be an
  // unhandled rejection for a caller that only reads `state`.
  ready.catch(() => {});

  return {
    get state() {
      return state;
    },
    info: host.info,
    has: (pluginId) => state?.status.plugins.includes(pluginId) ?? false,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    ready,
    // The handlers publish each result too; show() here makes `state` current when the promise settles.
    activate: async (licenseKey) => show(await call('activateOnline', licenseKey)),
    startTrial: async () => show(await call('startTrial')),
    deactivate: async () => show(await call('deactivate')),
    validateNow: async () => {
      const outcome = await call('validateNow');
      show(outcome.license);
      return outcome;
    },
    requestCode: (licenseKey) => call('createRequestCode', licenseKey),
    importActivationCode: async (activationCode) => show(await call('activateOffline', activationCode)),
    deactivateOffline: async () => {
      const outcome = await call('deactivateOffline');
      show(outcome.license);
      return outcome;
    },
    close() {
      stopEvents();
      listeners.clear();
      host.close();
      return host.flushed?.() ?? Promise.resolve();
    },
  };
}
