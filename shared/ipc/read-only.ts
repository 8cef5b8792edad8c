import { CHANNELS, EVENTS, type Verb } from './contract.ts';

/*
 * The part of the contract a vendor's own windows may use: read the license and hear its changes,
 * never act on it. Main's door accepts these channels from the host app's pages too; everything
 * else stays with the activation window.
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
