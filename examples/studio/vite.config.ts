import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/* Studio's page (page/ → dist/), built the way a vendor builds theirs; served under /studio/. */

const here = import.meta.dirname;

export default defineConfig({
  root: resolve(here, 'page'),
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: resolve(here, 'dist'), emptyOutDir: true, target: 'chrome130' },
});
