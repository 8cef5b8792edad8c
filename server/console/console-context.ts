import { createContext, useContext } from 'react';
import type { ApiClient, Session } from './api/client.ts';

/* What every page may use: the API client and who is signed in (null on the open pages). */

export interface ConsoleContextValue {
  readonly api: ApiClient;
  readonly session: Session | null;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleContext');
  return value;
}

/** Changes are for admins; the server refuses them for support anyway, the page only says so first. */
export function useCanChange(): boolean {
  return useConsole().session?.user.role === 'admin';
}

export const READ_ONLY_REASON = 'Your role (support) can view but not change';

/** The query that holds the session: set on sign-in, null when signed out. */
export const SESSION_QUERY = ['session'] as const;
