import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/*
 * Finds an Electron binary that can actually start, WITHOUT `require('electron')`: that module
 * downloads the binary on first use (and throws with a stack when it cannot), which must never
 * happen to a newcomer running `npm start`.
 */

export type ElectronProbe = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

function locate(): ElectronProbe {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!existsSync(pathFile) && !override) {
    return { ok: false, reason: "Electron's binary was never downloaded (no network during npm install?)" };
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = override ? join(override, relative) : join(packageDir, 'dist', relative);
  if (!existsSync(binary)) return { ok: false, reason: `Electron's binary is missing (${binary})` };
  return { ok: true, path: binary };
}

/** Locates the binary and checks it runs (`--version` within a few seconds). */
export async function probeElectron(timeoutMs = 8000): Promise<ElectronProbe> {
  const found = locate();
  if (!found.ok) return found;
  return new Promise((resolve) => {
    const child = spawn(found.path, ['--version'], { stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    const timer = setTimeout(() => {
      child.kill();
      resolve({ ok: false, reason: `Electron's binary did not answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `Electron's binary cannot start here (${error.message})` });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? found : { ok: false, reason: `Electron's binary exited with code ${code} (missing libraries?)` });
    });
  });
}

/** Whether a graphical session exists for a window to open on (Linux; assumed elsewhere). */
export function hasDisplay(): boolean {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
