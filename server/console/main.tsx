import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.ts';
import { App } from './App.tsx';
import { SESSION_QUERY } from './console-context.ts';
import { navigate } from './navigation.ts';
import { signInFor } from './router.ts';
import './styles.css';

/*
 * Start-up: one API client and one query cache for the whole console. A call that finds the
 * session gone drops every cached answer and goes to sign-in, remembering the page to come back to.
 */

const queries = new QueryClient({
  defaultOptions: {
    // An error is shown at once in the catalog's words; the person retries when they choose.
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

const api = createApiClient({
  onSignedOut: () => {
    queries.clear();
    queries.setQueryData(SESSION_QUERY, null);
    navigate(signInFor(window.location.pathname + window.location.search), { replace: true });
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <App api={api} />
    </QueryClientProvider>
  </StrictMode>,
);
