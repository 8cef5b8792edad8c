import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/*
 * The vendor console (server/console/ → dist-console/), served by the authority under /console/.
 * A config of its own because Vite's root and base are per config, and the console has both
 * different from the app's (the app loads from file:// with a relative base). vite.config.ts
 * builds it after the app, so `npm run build` and the tests' one build produce both.
 */

const root = import.meta.dirname;

export default defineConfig({
  root: resolve(root, 'server/console'),
  base: '/console/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(root, 'dist-console'),
    emptyOutDir: true,
    target: 'chrome130',
    reportCompressedSize: false,
    rolldownOptions: {
      // TanStack's React bindings start with 'use client' (a server-components marker): meaningless in a
      // plain browser bundle, so the warning about dropping it is noise.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
