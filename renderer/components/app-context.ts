import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Actions } from '../state/actions.ts';
import type { AppState, AppStore } from '../state/store.ts';

/* The thin React binding: components select from the vanilla store and call actions. */

export const AppContext = createContext<{ store: AppStore; actions: Actions } | null>(null);

function useApp() {
  const app = useContext(AppContext);
  if (!app) throw new Error('AppContext is missing');
  return app;
}

/** Subscribes a component to one slice; return primitives or stored references only. */
export function useAppState<T>(select: (state: AppState) => T): T {
  return useStore(useApp().store, select);
}

export function useActions(): Actions {
  return useApp().actions;
}
