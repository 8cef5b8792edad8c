import { existsSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/*
 * An unreadable file is evidence and maybe someone's only copy: it is renamed, never deleted, so
 * support can look at it and the user can restore it from a backup.
 */

/** `license.json` → `license.unreadable-20260301T120000123Z.json` (a counter avoids collisions). */
export function keptAsidePath(path: string, now: number): string {
  const ext = extname(path);
  const stem = basename(path, ext);
  const stamp = new Date(now).toISOString().replace(/[-:.]/g, '');
  for (let n = 0; ; n++) {
    const candidate = join(dirname(path), `${stem}.unreadable-${stamp}${n === 0 ? '' : `-${n}`}${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/** Moves the file aside and returns where it went; null when there was no file. */
export function keepAside(path: string, now: number): string | null {
  if (!existsSync(path)) return null;
  const target = keptAsidePath(path, now);
  renameSync(path, target);
  return target;
}
