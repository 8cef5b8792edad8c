import { isLeasedMode } from '../../shared/license/certificate.ts';
import type { ErrorCode } from '../../shared/errors/catalog.ts';
import type { Place } from '../../shared/errors/controls.ts';
import { panelFor, statusLead, type PlaceContext, type StatusLead } from '../../shared/errors/screen-actions.ts';
import type { AppState } from './store.ts';

/**
 * What the screen around an error panel holds, read from the store: the one input to the
 * catalog's per-screen steps (shared/errors/screen-actions.ts). `failed` is true for a panel
 * about an action that just failed, false for one that explains the license's state.
 */
export function placeContext(state: AppState, place: Place, failed: boolean): PlaceContext {
  const { status } = state.license;
  return {
    place,
    failed,
    hasCertificate: status.certificate !== null,
    callsOut: isLeasedMode(status.certificate?.mode),
    featuresOff: featuresOff(state),
    offlineActivation: state.info.offlineActivation,
    renewUrl: state.info.renewUrl !== null,
    buyUrl: state.info.buyUrl !== null,
    trialOffered: trialOffered(state),
  };
}

/** Licensed features are off: anything but an active license or one in its grace period. */
export function featuresOff(state: AppState): boolean {
  const { state: licenseState } = state.license.status;
  return licenseState !== 'active' && licenseState !== 'grace';
}

/** "Start free trial" is on the key screen: the product has a trial and nothing is activated here yet. */
export function trialOffered(state: AppState): boolean {
  return state.info.trialOffered && state.license.status.certificate === null && !state.info.readOnly;
}

/** The error panel the status screen shows: the action that just failed, else the license state's own explanation. */
export function statusPanel(state: AppState): { readonly code: ErrorCode; readonly failed: boolean } | null {
  if (state.problem) return { code: state.problem.error.code, failed: true };
  const { code } = state.license.status;
  return code === null ? null : { code, failed: false };
}

/** Which of the status screen's own buttons leads, given the panel above them (one main action per screen). */
export function statusLeadOf(state: AppState): StatusLead {
  const shown = statusPanel(state);
  const panel = shown && panelFor(shown.code, placeContext(state, 'status', shown.failed));
  return statusLead(panel, placeContext(state, 'status', false), state.license.status.state === 'clock_rollback');
}
