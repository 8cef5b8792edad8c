import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';

/* The words every slice of the app state uses: which screen shows, which action runs, what failed. */

export type Screen = 'status' | 'activate' | 'offline';
export type ActionName = 'activate' | 'validate' | 'deactivate' | 'offline' | 'trial' | 'freeSlot';

/** A failed action with the catalog error main answered, shown in the error panel. */
export interface Problem {
  readonly action: ActionName;
  readonly error: ErrorInfo;
}
