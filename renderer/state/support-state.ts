import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import type { ActionError, LogsFolder, SupportPreview } from '../../shared/ipc/channels/support.ts';
import type { AppInfo, LicenseView } from '../../shared/ipc/contract.ts';
import type { ActionName, Problem, Screen } from './screen.ts';

/*
 * The support slice of the app store (./store.ts holds it as `support`): the "details for support"
 * dialog (what the bundle holds, shown before anything is copied or saved) and the logs folder.
 * Also where a replay starts: on the customer's failed action, on the screen they saw it.
 */

export interface SupportDialog {
  /** Which button opened it: that one is the dialog's main action. */
  readonly purpose: 'copy' | 'save';
  /** The failed action the bundle records (the error panel it was opened from). */
  readonly actionError: ActionError | null;
  /** Null while main builds the bundle. */
  readonly preview: SupportPreview | null;
  readonly error: ErrorInfo | null;
  /** What happened to the last save, in words ("Saved to …"). */
  readonly saved: string | null;
  /** The element focus returns to when the dialog closes. */
  readonly openerId: string | null;
}

export interface SupportState {
  readonly dialog: SupportDialog | null;
  /** After "Open logs folder": where the logs are, and whether the file manager opened it. */
  readonly logs: LogsFolder | null;
}

export const INITIAL_SUPPORT: SupportState = { dialog: null, logs: null };

/** Element ids the support actions move focus to. */
export const SUPPORT_FOCUS = {
  dialogTitle: 'support-dialog-title',
  logsFolder: 'logs-folder',
} as const;

/** What the bundle should record about a problem on screen: only catalog facts, no details. */
export function toActionError(problem: Problem | null): ActionError | null {
  if (!problem) return null;
  const { code, message, hint, details } = problem.error;
  const requestId = details?.['requestId'];
  return {
    action: problem.action,
    error: { code, message, ...(hint === undefined ? {} : { hint }), ...(typeof requestId === 'string' ? { details: { requestId } } : {}) },
  };
}

const ACTIONS: readonly ActionName[] = ['activate', 'validate', 'deactivate', 'offline'];

/**
 * The first screen and error panel of a replay: the customer's failed action, on the screen it
 * happened on (an activation on the wizard, anything else on the status view).
 */
export function replayStart(info: AppInfo, license: LicenseView): { screen?: Screen; problem?: Problem } {
  const failed = info.replay?.actionError;
  if (!failed) return {};
  // An action this renderer does not know (a newer app's) shows like a failed re-validation.
  const action = ACTIONS.includes(failed.action as ActionName) ? (failed.action as ActionName) : 'validate';
  const screen: Screen = action === 'activate' || license.status.state === 'not_activated' ? 'activate' : 'status';
  return { screen, problem: { action, error: failed.error } };
}
