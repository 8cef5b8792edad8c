import { register } from 'node:module';

/*
 * Puts the recording stand-in in place of `electron` for the rest of this process and returns it.
 * Import the glue only after this resolves, and only with a dynamic `import()`: a static import is
 * linked before any test code runs, so it would reach for the real `electron` (which tries to
 * download its binary).
 *
 * @example
 * const electron = await useElectronStandIn();
 * const { setupSecurity } = await import('../../electron/security.ts');
 */

let registered = false;

export async function useElectronStandIn(): Promise<typeof import('./stand-in.ts')> {
  if (!registered) {
    register('./resolve-electron.ts', import.meta.url);
    registered = true;
  }
  return import('./stand-in.ts');
}
