/*
 * `npm run bench`: runs every benchmark file in tests/bench/ (all *.ts but this runner and tests),
 * one after another, each in its own process. Not a test: it prints numbers and asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && name !== 'run.ts' && !name.endsWith('.test.ts'))
  // authority-floor.ts and authority-postgres.ts are parts of authority.ts, not benches.
  .filter((name) => !/^authority-.+\.ts$/.test(name))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort();

let failed = 0;
for (const name of files) {
  console.log(`\n=== bench: ${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, name)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
