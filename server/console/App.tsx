import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { ApiClient } from './api/client.ts';
import { Layout } from './components/Layout.tsx';
import { ErrorState, Loading } from './components/States.tsx';
import { ConsoleContext, SESSION_QUERY } from './console-context.ts';
import { navigate, useLocation } from './navigation.ts';
import { HOME, matchPath, signInFor } from './router.ts';
import { ROUTES } from './routes.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

/* Picks the page for the address; signed-in pages wait for the session and send a signed-out person to sign-in. */



export function App({ api }: { api: ApiClient }) {
  const { path, search } = useLocation();
  const found = useMemo(() => {
    if (path === '/console' || path === '/console/') return null;
    for (const route of ROUTES) {
      const params = matchPath(route.pattern, path);
      if (params) return { route, params };
    }
    return undefined;
  }, [path]);
  const open = found?.route.open === true;
  const session = useQuery({ queryKey: SESSION_QUERY, queryFn: () => api.session(), enabled: !open, staleTime: Infinity });

  useEffect(() => {
    if (found === null) navigate(HOME, { replace: true });
  }, [found]);
  useEffect(() => {
    if (!open && session.isSuccess && session.data === null) navigate(signInFor(path + search), { replace: true });
  }, [open, session.isSuccess, session.data, path, search]);
  useEffect(() => {
    document.title = `${found?.route.title ?? 'Not found'} — Keyhole console`;
  }, [found]);

  if (found === null) return null;
  if (open && found) {
    const Page = found.route.page;
    return (
      <ConsoleContext.Provider value={{ api, session: null }}>
        <main id="main" className="narrow">
          <Page params={found.params} />
        </main>
      </ConsoleContext.Provider>
    );
  }
  if (session.isPending) return <Loading what="the console" />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  if (session.data === null) return null;
  const Page = found?.route.page ?? NotFoundPage;
  return (
    <ConsoleContext.Provider value={{ api, session: session.data }}>
      <Layout current={found?.route.section ?? ''}>
        <Page params={found?.params ?? {}} />
      </Layout>
    </ConsoleContext.Provider>
  );
}
