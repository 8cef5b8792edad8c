import { createAppHost, type AppHostOptions } from '../app/app-host.ts';
import { licenseOverHost, type License } from './license-api.ts';

/*
 * `keyhole/node`: licensing inside a vendor's plain Node product (a CLI, a server, a headless
 * tool). The product config is the one input; everything else is the same core, handler table and
 * re-validation loop the activation app runs.
 */

export type { License } from './license-api.ts';
export { createBrowserLicense, type BrowserLicense, type CreateBrowserLicenseOptions } from './browser-license.ts';
export type { HostPages } from '../browser-host/browser-host.ts';
export { runLicenseCommand, describeProblem, LICENSE_USAGE, EXIT } from './license-command.ts';
export { KeyholeError } from '../../shared/errors/keyhole-error.ts';
export type { LicenseView, AppInfo, Unsubscribe } from '../../shared/ipc/contract.ts';
export { parseProductConfig, type ProductConfig } from '../../shared/product/config.ts';

export interface CreateLicenseOptions extends Omit<AppHostOptions, 'mode' | 'host'> {
  /** 'demo' when running against the embedded demo authority; default 'normal'. */
  readonly mode?: AppHostOptions['mode'];
  /** Which kind of window shows the activation screens, if any; default 'browser'. */
  readonly host?: AppHostOptions['host'];
}

/**
 * Opens the license of this installation: reads the store in `dataDir`, evaluates it, and keeps it
 * current (re-validation, lease and clock boundaries) until `close()`.
 *
 * @example
 * const license = createLicense({ product, dataDir: './.studio-license', appVersion: '2.1.0' });
 * await license.ready;
 * if (!license.has('reports')) console.log(license.state?.status.code);
 * license.onChange((view) => console.log(view.status.state));
 * await license.activate('KH-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX');
 * license.close();
 */
export function createLicense(options: CreateLicenseOptions): License {
  return licenseOverHost(createAppHost({ mode: 'normal', host: 'browser', ...options }));
}
