import { z } from 'zod';
import type { ErrorInfo, Result } from '../errors/keyhole-error.ts';

/*
 * The IPC contract: every call the renderer can make into the main process, declared ONCE. The
 * handler table (node-core/app/handlers.ts), the door that validates calls (./door.ts), the preload
 * bridge and the renderer's HTTP bridge (./bridge.ts) are all typed from this table, so adding,
 * renaming or retyping a channel here turns every place that drifted into a type error.
 *
 * Requests are argument tuples validated by zod at the door (main trusts nothing the renderer
 * sends); responses are plain data that crosses as `Result<T>`.
 */

import { OFFLINE_CHANNELS } from './channels/offline.ts';
import { SLOT_CHANNELS } from './channels/slots.ts';
import { SUPPORT_CHANNELS, type ReplayInfo } from './channels/support.ts';
import { TRIAL_CHANNELS } from './channels/trial.ts';
import { VENDOR_CHANNELS } from './channels/vendor.ts';
import type { LicenseView } from './license-view.ts';
import { pastedText, returns, type Returns } from './returns.ts';

export type { Returns };
export type { LicenseView, ServerInfo } from './license-view.ts';

/** Product facts the screens show, from the build-time product config and the running host. */
export interface AppInfo {
  readonly productName: string;
  readonly vendorName: string;
  readonly appVersion: string;
  /** Every plugin of the catalog, in catalog order, licensed or not. */
  readonly plugins: readonly { readonly id: string; readonly name: string; readonly description: string }[];
  readonly support: { readonly email: string; readonly url?: string };
  /** Where the license is renewed or upgraded (the product config's renewUrl); null when there is none. */
  readonly renewUrl: string | null;
  /** The vendor's store (the product config's buyUrl), which "Buy" opens; null when there is none. */
  readonly buyUrl: string | null;
  /** Whether "Start free trial" is offered (the product config names a trial plan). */
  readonly trialOffered: boolean;
  /** The product's URL scheme for activate links (`keyhole` in demo); null when it has none. */
  readonly urlScheme: string | null;
  /** The vendor's manual (offline) activation page, where a request code is turned into an activation code. */
  readonly manualActivationUrl: string | null;
  /** 'demo' runs against the embedded demo authority started by `npm start`. */
  readonly mode: 'demo' | 'normal';
  /** True when this host shows a state it must not change (e.g. a replayed support bundle). */
  readonly readOnly: boolean;
  readonly host: 'electron' | 'browser';
  /** Whether the offline request/activation code flow is available. */
  readonly offlineActivation: boolean;
  /** Set when this host replays a support bundle or a generated scenario (read-only). */
  readonly replay?: ReplayInfo;
}

/**
 * The one table of request/response channels. Verb names are what `window.keyhole` exposes.
 *
 * @example
 * CHANNELS.activateOnline.request.parse(['KH-…']) // validated arguments, as main's door does
 */
export const CHANNELS = {
  getAppInfo: { channel: 'keyhole:app:info', request: z.tuple([]), response: returns<AppInfo>() },
  getLicense: { channel: 'keyhole:license:status', request: z.tuple([]), response: returns<LicenseView>() },
  /** The key as typed; main parses it again (the renderer's format check is only a hint). */
  activateOnline: {
    channel: 'keyhole:license:activate-online',
    request: z.tuple([pastedText]),
    response: returns<LicenseView>(),
  },
  /** Aborts the activation in flight, if any; its pending call then settles with an error. */
  cancelActivation: {
    channel: 'keyhole:license:cancel-activation',
    request: z.tuple([]),
    response: returns<{ readonly cancelled: boolean }>(),
  },
  /** Asks the server now. A server problem is not a failed call: it comes back as `problem`. */
  validateNow: {
    channel: 'keyhole:license:validate-now',
    request: z.tuple([]),
    response: returns<{ readonly license: LicenseView; readonly problem: ErrorInfo | null }>(),
  },
  /** The key of the last activate link that reached main, taken once (filled in, never activated). */
  takeLinkedKey: { channel: 'keyhole:link:take', request: z.tuple([]), response: returns<{ readonly key: string | null }>() },
  /** Frees this device's activation slot on the server and forgets the local activation. */
  deactivate: { channel: 'keyhole:license:deactivate', request: z.tuple([]), response: returns<LicenseView>() },
  // Feature groups live in ./channels/; the preload and the renderer's client pick them up by
  // themselves, and node-core/app/handlers.ts fails to compile until main implements them.
  ...OFFLINE_CHANNELS,
  ...SLOT_CHANNELS,
  ...SUPPORT_CHANNELS,
  ...VENDOR_CHANNELS,
  ...TRIAL_CHANNELS,
} as const;

/**
 * Pushes from main to the renderer. Each becomes `onX(listener) => unsubscribe` on the bridge.
 *
 * @example
 * const stop = window.keyhole.onLicenseChanged((view) => render(view)); stop();
 */
export const EVENTS = {
  /** After periodic validation, any action, or a clock/lease boundary: the fresh snapshot. */
  licenseChanged: { channel: 'keyhole:event:license-changed', payload: returns<LicenseView>() },
  /** An activate link reached the running app (a second launch, macOS open-url): take its key with takeLinkedKey. */
  linkOpened: { channel: 'keyhole:event:link-opened', payload: returns<{ readonly waiting: true }>() },
} as const;

export type Channels = typeof CHANNELS;
export type Verb = keyof Channels;
export type EventName = keyof typeof EVENTS;

/** The validated argument tuple a handler receives. */
export type RequestOf<V extends Verb> = z.output<Channels[V]['request']>;
/** The argument tuple a caller passes. */
export type ArgsOf<V extends Verb> = z.input<Channels[V]['request']>;
export type ResponseOf<V extends Verb> = Channels[V]['response'] extends Returns<infer T> ? T : never;
export type PayloadOf<E extends EventName> = (typeof EVENTS)[E]['payload'] extends Returns<infer T> ? T : never;

/**
 * What main implements: one function per channel; throwing a KeyholeError is how it fails.
 *
 * @example
 * const handlers: HandlerTable = { getLicense: () => service.getStatus().then(toLicenseView), … };
 */
export type HandlerTable = {
  readonly [V in Verb]: (...args: RequestOf<V>) => Promise<ResponseOf<V>> | ResponseOf<V>;
};

export type Unsubscribe = () => void;

/** One push as a host emits it: the event's name and its payload (a union over {@link EVENTS}). */
export type EventMessage = { readonly [E in EventName]: { readonly event: E; readonly payload: PayloadOf<E> } }[EventName];
type EventVerb<E extends EventName> = `on${Capitalize<E>}`;

/**
 * `window.keyhole`: the verbs of {@link CHANNELS} plus one subscription per {@link EVENTS} entry.
 *
 * @example
 * const result = await window.keyhole.activateOnline(key); if (!result.ok) show(result.error);
 */
export type KeyholeApi = {
  readonly [V in Verb]: (...args: ArgsOf<V>) => Promise<Result<ResponseOf<V>>>;
} & {
  readonly [E in EventName as EventVerb<E>]: (listener: (payload: PayloadOf<E>) => void) => Unsubscribe;
};

/** The error a door answers with; re-exported so hosts need one import. */
export type { ErrorInfo, Result };

/** Every channel name, for the door and tests. */
export const CHANNEL_NAMES: readonly string[] = Object.values(CHANNELS).map((spec) => spec.channel);
