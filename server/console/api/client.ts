import { ApiError, errorFromBody } from './api-error.ts';

/*
 * The one way the console talks to the authority. Every change (any method but GET) carries the
 * session's CSRF token; a 401 whose session is really gone sends the person to sign-in (and back
 * afterwards), while a 401 with a live session (a support user trying a change) is an error the
 * page shows. The token lives only in memory: a reload asks /console/api/session for it again.
 */

export type Role = 'admin' | 'support';

export interface Session {
  readonly user: { readonly email: string; readonly role: Role };
  readonly csrf_token: string;
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
  /** The current session, or null when signed out. */
  session(): Promise<Session | null>;
  signIn(email: string, password: string): Promise<Session>;
  setPassword(token: string, password: string): Promise<Session>;
  signOut(): Promise<void>;
}

export interface ClientOptions {
  /** Called when a call finds the session gone (expired, signed out elsewhere). */
  readonly onSignedOut: () => void;
  readonly fetch?: typeof fetch;
}

export function createApiClient({ onSignedOut, fetch: fetchImpl = (...args) => fetch(...args) }: ClientOptions): ApiClient {
  let csrf: string | null = null;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf !== null) headers['x-csrf-token'] = csrf;
    let response: Response;
    try {
      response = await fetchImpl(path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch {
      throw new ApiError('SERVER_UNREACHABLE', 0);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      throw new ApiError('SERVER_ERROR', response.status);
    }
    if (!response.ok) throw errorFromBody(response.status, parsed);
    return parsed as T;
  }

  const remember = (session: Session) => {
    csrf = session.csrf_token;
    return session;
  };

  async function session(): Promise<Session | null> {
    try {
      return remember(await request<Session>('GET', '/console/api/session'));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHORIZED') {
        csrf = null;
        return null;
      }
      throw error;
    }
  }

  // A refusal is "signed out" only when the session itself is gone; otherwise the page shows it.
  async function guarded<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await request<T>(method, path, body);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHORIZED' && (await session().catch(() => undefined)) === null) onSignedOut();
      throw error;
    }
  }

  return {
    get: (path) => guarded('GET', path),
    send: (method, path, body = {}) => guarded(method, path, body),
    session,
    signIn: async (email, password) => remember(await request<Session>('POST', '/console/api/sign-in', { email, password })),
    setPassword: async (token, password) => remember(await request<Session>('POST', '/console/api/set-password', { token, password })),
    signOut: async () => {
      await request('POST', '/console/api/sign-out', {});
      csrf = null;
    },
  };
}
