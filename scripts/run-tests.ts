/*
 * Runs every test file under Node's own test runner with tsx as the TypeScript loader. Node 20's
 * runner cannot expand globs itself, so the files are listed here; a folder argument narrows the
 * run (`npm test -- server`). Two files run at once: every test owns its temp dirs and loopback
 * ports, and the end-to-end files spend much of their time waiting on Chromium and child processes.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildApp, buildIsStale } from './start/build-if-needed.ts';

const ROOTS = ['shared', 'node-core', 'electron', 'server', 'renderer', 'tests'];

function findTests(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = ROOTS.flatMap(findTests)
  .map((file) => relative(process.cwd(), file))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`No test files match ${filters.join(' ') || 'the project'}.`);
  process.exit(1);
}

// Built once here, before any file runs: test files that each built a stale app in parallel would
// race, since vite empties dist/ while another file may be serving it.
const root = join(import.meta.dirname, '..');
if (buildIsStale(root)) {
  console.log('Building the app once for the tests (vite)…');
  await buildApp(root);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
