/*
 * Client-side routes under /console/…: a pattern like `/console/orders/:id` matched against the
 * path, and where a signed-out person goes back to after signing in. Plain functions, so the rules
 * are tested without a browser.
 */

export type Params = Readonly<Record<string, string>>;

/** The params of `path` under `pattern`, or null when it does not match. */
export function matchPath(pattern: string, path: string): Params | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.replace(/\/+$/, '').split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] as string;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) return null;
  }
  return params;
}

export const SIGN_IN = '/console/sign-in';
export const HOME = '/console/overview';

/** The sign-in address that brings the person back to `here` (a console page) afterwards. */
export function signInFor(here: string): string {
  return here === SIGN_IN || !isConsolePage(here) ? SIGN_IN : `${SIGN_IN}?next=${encodeURIComponent(here)}`;
}

/** Where to go after signing in: `next` when it is a console page on this origin, else the home page. */
export function afterSignIn(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next !== null && isConsolePage(next) && !next.startsWith(SIGN_IN) ? next : HOME;
}

// Only a path of this console: never another origin (`//evil`, `/\evil`), a script URL, or a
// dot segment the browser would resolve out of /console/.
function isConsolePage(path: string): boolean {
  return /^\/console(\/[\w\-./%?=&]*)?$/.test(path) && !path.includes('//') && !path.includes('\\') && !/\/\.|%2e/i.test(path);
}
