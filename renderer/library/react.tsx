import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { LicenseView } from '../../shared/ipc/contract.ts';
import type { LicenseSource } from './license-source.ts';

/*
 * `keyhole/react`: the license in a host app's React tree. <LicenseProvider> hands down one
 * LicenseSource; useLicense() re-renders on every change; <Licensed> shows its children only
 * while the plugin is licensed.
 */

export { createLicenseSource, type LicenseSource, type LicenseReader } from './license-source.ts';
export { browserHostLicense, openActivationScreens, type BrowserHostLicenseApi } from './browser-host-license.ts';
/** The catalog's words for a status code (title, explanation, fix steps), the ones the activation screens use. */
export { describeError, type CatalogEntry } from '../../shared/errors/catalog.ts';
export type { LicenseView, AppInfo } from '../../shared/ipc/contract.ts';

const SourceContext = createContext<LicenseSource | null>(null);

/**
 * Makes `source` the license of everything below.
 *
 * @example
 * <LicenseProvider source={createLicenseSource(window.license)}><Studio /></LicenseProvider>
 */
export function LicenseProvider({ source, children }: { source: LicenseSource; children: ReactNode }) {
  return <SourceContext.Provider value={source}>{children}</SourceContext.Provider>;
}

/**
 * The current license view (null until the first answer) and `has(pluginId)`.
 *
 * @example
 * const { view, has } = useLicense(); if (view?.status.state === 'grace') showBanner(view.status.daysLeft);
 */
export function useLicense(): { readonly view: LicenseView | null; has(pluginId: string): boolean } {
  const source = useContext(SourceContext);
  if (!source) throw new Error('useLicense needs a <LicenseProvider> above it');
  const view = useSyncExternalStore(source.subscribe, source.get, source.get);
  return { view, has: (pluginId) => view?.status.plugins.includes(pluginId) ?? false };
}

/**
 * Its children while `plugin` is licensed, else `fallback`.
 *
 * @example
 * <Licensed plugin="reports" fallback={<Upsell plugin="reports" />}><ReportsPanel /></Licensed>
 */
export function Licensed({ plugin, fallback = null, children }: { plugin: string; fallback?: ReactNode; children: ReactNode }) {
  return <>{useLicense().has(plugin) ? children : fallback}</>;
}
