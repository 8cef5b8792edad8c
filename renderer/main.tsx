import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { describeError } from '../shared/errors/catalog.ts';
import type { ErrorInfo } from '../shared/errors/keyhole-error.ts';
import { connectKeyhole } from './bridge/client.ts';
import { App } from './components/App.tsx';
import { AppContext } from './components/app-context.ts';
import { createActions } from './state/actions.ts';
import { createAppStore } from './state/store.ts';
import './styles.css';

/*
 * Start-up: the evaluated license (and a pending offline request code) is fetched BEFORE the first
 * paint, so the window opens directly on the real state (never on a wizard that then jumps away).
 * Until then the page stays empty.
 */

async function start(): Promise<void> {
  const root = document.getElementById('root')!;
  const api = connectKeyhole();
  const [info, license, request] = await Promise.all([api.getAppInfo(), api.getLicense(), api.getOfflineRequest()]);
  if (!info.ok || !license.ok) {
    showStartFailure(root, !info.ok ? info.error : (license as { error: ErrorInfo }).error);
    return;
  }
  // A pending request code that cannot be read is only not offered again: the screens still work.
  const store = createAppStore(info.value, license.value, request.ok ? request.value : null);
  const actions = createActions(store, api);
  actions.follow();
  document.title = `${info.value.productName} — License`;
  createRoot(root).render(
    <StrictMode>
      <AppContext.Provider value={{ store, actions }}>
        <App />
      </AppContext.Provider>
    </StrictMode>,
  );
}

/** Main could not even answer: say so with the catalog's words, without React or a stack trace. */
function showStartFailure(root: HTMLElement, error: ErrorInfo): void {
  const entry = describeError(error.code);
  const section = document.createElement('section');
  section.className = 'card problem bad';
  section.setAttribute('role', 'alert');
  for (const [tag, text] of [['h2', entry.title], ['p', entry.explanation], ['p', error.hint ?? '']] as const) {
    if (!text) continue;
    const element = document.createElement(tag);
    element.textContent = text;
    section.append(element);
  }
  root.replaceChildren(section);
}

void start();
