import { CATALOG, type ErrorCode } from './catalog.ts';
import { CONTROL_LABELS, changeKeyLabel, fillStep, stepNeeds, type ControlId, type PanelControl, type Place } from './controls.ts';

/*
 * What an error panel shows on a given screen: the fix steps that fit there and the buttons that
 * go with them. A step that names a control the screen does not have is left out (or replaced by
 * its `{!id}` twin), so the words never send anyone to a button that is not there.
 */

/** What the screen around the panel holds, which decides the controls a step may name. */
export interface PlaceContext {
  readonly place: Place;
  /** An action just failed here, so "Retry" has something to repeat. */
  readonly failed: boolean;
  /** A saved activation exists on this computer (status screen). */
  readonly hasCertificate: boolean;
  /** That activation re-validates with the license server ("Re-validate now" is shown). */
  readonly callsOut: boolean;
  /** Licensed features are off, which turns "Change key" into "Activate again". */
  readonly featuresOff: boolean;
  /** This host has the offline activation flow. */
  readonly offlineActivation: boolean;
  /** The product config names a page where the license is renewed. */
  readonly renewUrl: boolean;
  /** The product config names the vendor's store ("Buy"). */
  readonly buyUrl?: boolean;
  /** The product offers a free trial ("Start free trial" on the key screen). */
  readonly trialOffered?: boolean;
}

export interface PanelAction {
  readonly id: PanelControl;
  readonly label: string;
  readonly primary: boolean;
}

export interface PanelModel {
  readonly steps: readonly string[];
  readonly actions: readonly PanelAction[];
  /** Every control the steps send the user to, by the label it carries on this screen. */
  readonly named: readonly string[];
}

const APP_SCREENS: readonly Place[] = ['activate', 'status', 'offline'];

/** Whether a control is on this screen and can be used. `code` decides Retry (the catalog's `retryable`). */
function present(id: ControlId, code: ErrorCode, ctx: PlaceContext): boolean {
  const app = APP_SCREENS.includes(ctx.place);
  const status = ctx.place === 'status';
  switch (id) {
    case 'retry':
      return app && ctx.failed && CATALOG[code].retryable;
    case 'renew':
      return app && ctx.renewUrl && CATALOG[code].actions.includes('renew');
    case 'buy':
      return app && ctx.buyUrl === true && CATALOG[code].actions.includes('buy');
    case 'enterKey':
      return (ctx.place === 'activate' || status) && CATALOG[code].actions.includes('enterKey');
    case 'startTrial':
      return ctx.place === 'activate' && ctx.trialOffered === true;
    case 'activateOffline':
      return (ctx.place === 'activate' || status) && ctx.offlineActivation && CATALOG[code].actions.includes('activateOffline');
    case 'freeSlot':
      // Needs the key in hand: the activation that just failed on the wizard, or the manual page's form.
      return ((ctx.place === 'activate' && ctx.failed) || ctx.place === 'manual') && CATALOG[code].actions.includes('freeSlot');
    case 'contact':
      return app && CATALOG[code].actions.includes('contact');
    case 'revalidate':
      return status && ctx.hasCertificate && ctx.callsOut;
    case 'changeKey':
      return status;
    case 'deactivate':
      return status && ctx.hasCertificate;
    case 'copyInstanceId':
      return ctx.place === 'activate' || status;
    case 'getActivationCode':
    case 'freeSlotByCode':
      return ctx.place === 'manual';
  }
}

/** The words on a control on this screen. */
export function labelOn(id: ControlId, ctx: Pick<PlaceContext, 'featuresOff'>): string {
  return id === 'changeKey' ? changeKeyLabel(ctx.featuresOff) : CONTROL_LABELS[id];
}

/**
 * The fix steps and buttons of `code`'s panel on the screen `ctx` describes.
 *
 * @example
 * panelFor('LICENSE_EXPIRED', { place: 'activate', ...ctx }).steps // no "Re-validate now" in them
 */
export function panelFor(code: ErrorCode, ctx: PlaceContext): PanelModel {
  const entry = CATALOG[code];
  const named = new Set<string>();
  const steps: string[] = [];
  for (const template of entry.fixesOn[ctx.place] ?? entry.steps) {
    const needs = stepNeeds(template);
    if (needs.unless !== null && present(needs.unless, code, ctx)) continue;
    if (!needs.named.every((id) => present(id, code, ctx))) continue;
    for (const id of needs.named) named.add(labelOn(id, ctx));
    steps.push(fillStep(needs.text, (id) => labelOn(id, ctx)));
  }
  const offered = entry.actions.filter((id) => present(id, code, ctx));
  // Contacting the vendor is a way out, never the main one while the screen has another.
  const actions = offered.map((id, index) => ({ id, label: labelOn(id, ctx), primary: index === 0 && id !== 'contact' }));
  return { steps, actions, named: [...named] };
}

/** The status screen's own buttons that can lead (StatusActions), or none. */
export type StatusLead = 'revalidate' | 'changeKey' | null;

/**
 * Which of the status screen's own buttons is the main one. One main action per screen: none
 * while the error panel above them has its own main button (an ended trial's "Buy", an expired
 * license's "Renew license"). Otherwise a fresh answer from the server ends a clock set back, and
 * activating again is the way out once features are off; a healthy license needs nothing.
 *
 * @example
 * statusLead(panelFor('TRIAL_ENDED', ctx), ctx, false) // null: the panel's "Buy" leads
 */
export function statusLead(panel: PanelModel | null, ctx: Pick<PlaceContext, 'hasCertificate' | 'callsOut' | 'featuresOff'>, clockRollback: boolean): StatusLead {
  if (panel?.actions.some((action) => action.primary)) return null;
  if (ctx.hasCertificate && ctx.callsOut && clockRollback) return 'revalidate';
  return ctx.featuresOff ? 'changeKey' : null;
}

/**
 * The authority's manual activation page: no app controls around it, only its own forms.
 *
 * @example
 * panelFor('LICENSE_EXPIRED', MANUAL_PAGE).steps
 */
export const MANUAL_PAGE: PlaceContext = {
  place: 'manual',
  failed: true,
  hasCertificate: false,
  callsOut: false,
  featuresOff: false,
  offlineActivation: false,
  renewUrl: false,
};
