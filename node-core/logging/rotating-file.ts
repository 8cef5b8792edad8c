import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/*
 * An append-only text file rotated by size: `keyhole.log` is written; when the next line would
 * take it past `maxBytes` it becomes `keyhole.log.1` (which becomes `.2`, …), and only `keep` files
 * are kept in all. Synchronous on purpose: a license app writes a few lines a minute, and a line
 * written before a crash is worth more than a saved microsecond.
 */

export interface RotatingFileOptions {
  readonly path: string;
  /** Rotate before a line would take the file past this size (default 256 KB). */
  readonly maxBytes?: number;
  /** Files kept, the current one included (default 3). */
  readonly keep?: number;
}

export interface RotatingFile {
  readonly path: string;
  /** Appends one line (a newline is added). */
  append(line: string): void;
  /** The last `count` lines over the current and rotated files, oldest first. */
  tail(count: number): string[];
  /** Every file that exists, newest first. */
  files(): string[];
}

export const DEFAULT_MAX_BYTES = 256 * 1024;
export const DEFAULT_KEEP = 3;

export function createRotatingFile(options: RotatingFileOptions): RotatingFile {
  const { path } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = Math.max(1, options.keep ?? DEFAULT_KEEP);
  const nth = (n: number) => (n === 0 ? path : `${path}.${n}`);
  const size = () => (existsSync(path) ? statSync(path).size : 0);

  function rotate(): void {
    rmSync(nth(keep - 1), { force: true });
    for (let n = keep - 2; n >= 0; n--) {
      if (existsSync(nth(n))) renameSync(nth(n), nth(n + 1));
    }
  }

  function files(): string[] {
    return Array.from({ length: keep }, (_, n) => nth(n)).filter((file) => existsSync(file));
  }

  return {
    path,
    files,
    append(line) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const text = `${line}\n`;
      const current = size();
      if (current > 0 && current + Buffer.byteLength(text) > maxBytes) rotate();
      appendFileSync(path, text, { mode: 0o600 });
    },
    tail(count) {
      const lines: string[] = [];
      for (const file of files()) {
        const fileLines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
        lines.unshift(...fileLines);
        if (lines.length >= count) break;
      }
      return count <= 0 ? [] : lines.slice(-count);
    },
  };
}
