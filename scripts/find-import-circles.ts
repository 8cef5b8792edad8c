/*
 * Lists import circles among the repository's TypeScript files (`npx tsx scripts/find-import-circles.ts`).
 * A circle means a helper sits in the wrong module: move it down into one both sides import. Only
 * relative imports count (packages cannot import us back); exit 1 when there is any circle.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g;

const imports = new Map<string, string[]>();
for (const file of files) {
  const text = readFileSync(resolve(root, file), 'utf8');
  const targets = [...text.matchAll(IMPORT)].map((match) => relative(root, resolve(root, dirname(file), match[1] as string)));
  imports.set(file, targets.filter((target) => existsSync(resolve(root, target))));
}

const state = new Map<string, 'open' | 'done'>();
const path: string[] = [];
const circles = new Set<string>();
function visit(file: string): void {
  state.set(file, 'open');
  path.push(file);
  for (const target of imports.get(file) ?? []) {
    if (state.get(target) === 'open') circles.add([...path.slice(path.indexOf(target)), target].join(' -> '));
    else if (!state.has(target)) visit(target);
  }
  path.pop();
  state.set(file, 'done');
}
for (const file of files) if (!state.has(file)) visit(file);

for (const circle of circles) console.log(circle);
console.log(circles.size === 0 ? 'no import circles' : `${circles.size} import circle(s)`);
process.exitCode = circles.size === 0 ? 0 : 1;
