/*
 * The controls a fix step may name, and the words on them. A step names a control only through a
 * token ({retry}, {app:deactivate}) so the button and the sentence that sends the user to it can
 * never spell it two ways; the screens render these same labels on their buttons.
 */

/** Where a catalog entry can be shown: the app's three screens and the authority's manual page. */
export type Place = 'activate' | 'status' | 'offline' | 'manual';

export const PLACES: readonly Place[] = ['activate', 'status', 'offline', 'manual'];

/**
 * Controls a step may send the user to. The first group is drawn inside the error panel itself,
 * the second group elsewhere on the screen (the status actions, the Instance ID card, a form).
 */
export const PANEL_CONTROLS = ['retry', 'renew', 'buy', 'enterKey', 'activateOffline', 'freeSlot', 'contact'] as const;
export const SCREEN_CONTROLS = ['revalidate', 'changeKey', 'deactivate', 'copyInstanceId', 'getActivationCode', 'freeSlotByCode', 'startTrial'] as const;

export type PanelControl = (typeof PANEL_CONTROLS)[number];
export type ControlId = PanelControl | (typeof SCREEN_CONTROLS)[number];

/** "Change key" names a fresh start while features work; once they are off it is "Activate again". */
export function changeKeyLabel(featuresOff: boolean): string {
  return featuresOff ? 'Activate again' : 'Change key';
}

/** The words on each control (the accessible name a test or a screen reader finds it by). */
export const CONTROL_LABELS: { readonly [C in ControlId]: string } = {
  retry: 'Retry',
  renew: 'Renew license',
  buy: 'Buy',
  enterKey: 'Enter a license key',
  activateOffline: 'Activate offline',
  freeSlot: 'Free a slot',
  contact: 'Contact support',
  revalidate: 'Re-validate now',
  changeKey: changeKeyLabel(false),
  deactivate: 'Deactivate this device',
  copyInstanceId: 'Copy Instance ID',
  getActivationCode: 'Get activation code',
  freeSlotByCode: 'Free the activation slot',
  startTrial: 'Start free trial',
};

/**
 * The offline flow's own buttons. No fix step names them, but the manual page's instructions and
 * the card that offers a pending request again do, so each is spelled here once.
 *
 * @example
 * `Enter it under "${OFFLINE_LABELS.enterActivationCode}".`
 */
export const OFFLINE_LABELS = {
  enterActivationCode: 'I already have an activation code',
  nextEnterCode: 'Next: enter the activation code',
  startOver: 'Start over',
} as const;

/**
 * Fills a step's tokens: `{id}` a control on this screen, `{app:id}` the app's control on another
 * device (so the manual page and the app say the same words). `label` decides per screen.
 *
 * @example
 * fillStep('Choose {retry}.', (id) => CONTROL_LABELS[id]) // 'Choose "Retry".'
 */
export function fillStep(step: string, label: (id: ControlId) => string): string {
  return step.replace(/\{(?:app:)?([A-Za-z]+)\}/g, (_, id: string) => `"${isControl(id) ? label(id) : id}"`);
}

/**
 * The controls on this screen a step names (not the `{app:…}` ones), and whether the step is
 * meant only for a screen without one (`{!id}` at its start).
 *
 * @example
 * stepNeeds('{!renew}Renew with the vendor.') // { named: [], unless: 'renew', text: 'Renew with the vendor.' }
 */
export function stepNeeds(step: string): { named: ControlId[]; unless: ControlId | null; text: string } {
  const guard = /^\{!([A-Za-z]+)\}/.exec(step);
  const text = guard ? step.slice(guard[0].length) : step;
  const named = [...text.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]).filter(isControl);
  return { named, unless: guard && isControl(guard[1]) ? guard[1] : null, text };
}

/** Narrows a token to a known control. */
export function isControl(id: unknown): id is ControlId {
  return typeof id === 'string' && Object.hasOwn(CONTROL_LABELS, id);
}
