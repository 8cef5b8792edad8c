import { CHANNELS, EVENTS, type KeyholeApi, type Verb } from './contract.ts';

/*
 * The part of the contract a vendor's own windows may use: read the license and hear its changes,
 * never act on it. Main's door accepts these channels from the host app's pages too; everything
 * else stays with the activation window, including the offline verbs (a request code encodes the
 * license key, so only the activation screens ever see one).
 */

export const READ_ONLY_VERBS = ['getAppInfo', 'getLicense'] as const satisfies readonly Verb[];
export type ReadOnlyVerb = (typeof READ_ONLY_VERBS)[number];

/**
 * The channel names of {@link READ_ONLY_VERBS}.
 *
 * @example
 * READ_ONLY_CHANNELS.has('keyhole:license:status') // true
 */
export const READ_ONLY_CHANNELS: ReadonlySet<string> = new Set(READ_ONLY_VERBS.map((verb) => CHANNELS[verb].channel));

/** The events a read-only window hears. */
export const READ_ONLY_EVENTS = [EVENTS.licenseChanged.channel] as const;

/** What a read-only window's API holds: the read-only verbs and the change subscription. */
export type ReadOnlyApi = Pick<KeyholeApi, ReadOnlyVerb | 'onLicenseChanged'>;

/**
 * The read-only part of a full contract client, frozen: what `keyhole/preload` exposes to a host
 * app's window and what a browser host's product page gets.
 *
 * @example
 * contextBridge.exposeInMainWorld('license', readOnlyApi(createKeyholeApi(transport)));
 */
export function readOnlyApi(full: KeyholeApi): ReadOnlyApi {
  const names: readonly (keyof ReadOnlyApi)[] = [...READ_ONLY_VERBS, 'onLicenseChanged'];
  return Object.freeze(Object.fromEntries(names.map((name) => [name, full[name]]))) as ReadOnlyApi;
}
