import { useSyncExternalStore } from 'react';

/* The browser's location as React state: pushState navigation without a page load, Back/Forward followed. */

const CHANGED = 'console-navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

const current = () => window.location.pathname + window.location.search;

export function useLocation(): { path: string; search: string } {
  const href = useSyncExternalStore(subscribe, current);
  const at = href.indexOf('?');
  return at === -1 ? { path: href, search: '' } : { path: href.slice(0, at), search: href.slice(at) };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === current()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGED));
}
