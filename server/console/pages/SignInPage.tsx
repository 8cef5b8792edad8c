import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { Field } from '../components/Field.tsx';
import { ErrorState } from '../components/States.tsx';
import { SESSION_QUERY, useConsole } from '../console-context.ts';
import { navigate, useLocation } from '../navigation.ts';
import { afterSignIn } from '../router.ts';

/* Email and password; afterwards back to the page that sent the person here. */

export function SignInPage() {
  const { api } = useConsole();
  const { search } = useLocation();
  const queries = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => api.signIn(email, password),
    onSuccess: (session) => {
      queries.setQueryData(SESSION_QUERY, session);
      navigate(afterSignIn(search), { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <section className="page">
      <h1>Sign in</h1>
      <p className="muted">The Keyhole console: plans, orders, licenses and activations.</p>
      <form className="card form" onSubmit={submit}>
        <Field label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {signIn.isError && <ErrorState error={signIn.error} />}
    </section>
  );
}
