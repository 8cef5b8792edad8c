/*
 * Builds with vite when a source is newer than the last build (as `npm start` and the tests do):
 * run before anything that imports the built `keyhole/node` (dist-library), e.g. `npm run studio`.
 */
import { join } from 'node:path';
import { buildApp, buildIsStale } from './start/build-if-needed.ts';

const root = join(import.meta.dirname, '..');
if (buildIsStale(root)) {
  console.log('Building Keyhole once (vite)…');
  await buildApp(root);
}
