import type { KeyholeApi, LicenseView, Unsubscribe } from '../../shared/ipc/contract.ts';

/*
 * A vanilla store of the license view for a host app's page, fed by the read-only API
 * (`window.license` from keyhole/preload, or the full bridge of the browser host). React only
 * subscribes to it (./react.tsx), the way zustand's core and its binding are split.
 */

/** The part of the bridge a page needs to follow the license. */
export type LicenseReader = Pick<KeyholeApi, 'getLicense' | 'onLicenseChanged'>;

export interface LicenseSource {
  /** The latest view; null until the first answer. */
  get(): LicenseView | null;
  subscribe(listener: () => void): Unsubscribe;
  /** True when the plugin is licensed and features are on right now. */
  has(pluginId: string): boolean;
}

/**
 * Follows the license through `reader`: one read at start, then every change event.
 *
 * @example
 * const source = createLicenseSource(window.license);
 * source.subscribe(() => render(source.get()));
 */
export function createLicenseSource(reader: LicenseReader): LicenseSource {
  let view: LicenseView | null = null;
  const listeners = new Set<() => void>();
  const set = (next: LicenseView) => {
    view = next;
    for (const listener of listeners) listener();
  };
  reader.onLicenseChanged(set);
  void reader.getLicense().then((result) => {
    // A change event that came first is newer than this answer.
    if (result.ok && view === null) set(result.value);
  });
  return {
    get: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    has: (pluginId) => view?.status.plugins.includes(pluginId) ?? false,
  };
}
