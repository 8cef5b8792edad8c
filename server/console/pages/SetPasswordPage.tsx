import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { ApiError } from '../api/api-error.ts';
import { Field } from '../components/Field.tsx';
import { ErrorState } from '../components/States.tsx';
import { SESSION_QUERY, useConsole } from '../console-context.ts';
import { navigate } from '../navigation.ts';
import { HOME } from '../router.ts';

/*
 * The one-time link's page (`/console/set-password#token`). The token is read from the fragment,
 * which never reaches a server or a referrer, and then dropped from the address bar.
 */

const MIN_LENGTH = 12;

function takeToken(): string {
  const token = window.location.hash.slice(1);
  if (token !== '') window.history.replaceState(null, '', window.location.pathname);
  return token;
}

export function SetPasswordPage() {
  const { api } = useConsole();
  const queries = useQueryClient();
  const [token] = useState(takeToken);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const setIt = useMutation({
    mutationFn: () => {
      if (password !== repeat) throw new ApiError('REQUEST_INVALID', 400, 'the two passwords are not the same');
      return api.setPassword(token, password);
    },
    onSuccess: (session) => {
      queries.setQueryData(SESSION_QUERY, session);
      navigate(HOME, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setIt.mutate();
  };
  if (token === '') {
    return (
      <section className="page">
        <h1>Set password</h1>
        <ErrorState error={new ApiError('REQUEST_INVALID', 400, 'this page needs the whole sign-in link, including the part after #; ask an admin for a new link')} />
      </section>
    );
  }
  return (
    <section className="page">
      <h1>Set password</h1>
      <form className="card form" onSubmit={submit}>
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_LENGTH}
          hint={`At least ${MIN_LENGTH} characters.`}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Field label="Repeat the password" type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        <button type="submit" className="primary" disabled={setIt.isPending}>
          Set password and sign in
        </button>
      </form>
      {setIt.isError && <ErrorState error={setIt.error} />}
    </section>
  );
}
