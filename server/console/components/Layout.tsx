import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useConsole } from '../console-context.ts';
import { navigate } from '../navigation.ts';
import { NAVIGATION } from '../routes.tsx';
import { SIGN_IN } from '../router.ts';
import { Link } from './Link.tsx';

/* The frame of every signed-in page: skip link, navigation from the route table, who is signed in. */

export function Layout({ current, children }: { current: string; children: ReactNode }) {
  const { api, session } = useConsole();
  const queries = useQueryClient();
  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    queries.clear();
    navigate(SIGN_IN);
  };
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <p className="brand">Keyhole console</p>
        <nav aria-label="Console">
          <ul>
            {NAVIGATION.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={current === item.section ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {session && (
          <div className="who">
            <span>
              {session.user.email} ({session.user.role})
            </span>
            <button type="button" className="link-button" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
