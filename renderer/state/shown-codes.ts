import type { AppState } from './store.ts';

/*
 * One code to carry and one QR code per screen: a request code on screen (the offline steps 2 and
 * 3, or the key screen's pending request) and a deactivation code left from before would otherwise
 * stand side by side, two codes and two QR codes that look alike. The request code is what the
 * user is doing now; the deactivation code then shows as a short reminder with its copy button.
 */

/** Whether the current screen shows the pending request code (see OfflineScreen and ActivateScreen). */
export function requestCodeOnScreen(state: AppState): boolean {
  if (state.offlineRequest === null) return false;
  return state.screen === 'activate' || (state.screen === 'offline' && state.offline.step !== 'key');
}
