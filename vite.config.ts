import { resolve } from 'node:path';
import { build, defineConfig } from 'vite';

/*
 * One `vite build` (npm run build) produces everything the app runs:
 *   client          renderer/ → dist/               (React, plain CSS; relative base for file://)
 *   electronMain    electron/main.ts → dist-electron/main.js     (ESM, Node target, deps bundled in:
 *                   loading conf, zod and systeminformation as separate modules took most of
 *                   start-up in `npm run bench`; bundled, start-up drops by ~170–270 ms)
 *   electronPreload electron/preload.ts → dist-electron/preload.cjs (CJS: sandboxed preloads
 *                   cannot load ESM; everything but `electron` bundled in)
 *   library         node-core/library/index.ts → dist-library/node.js (`keyhole/node` as a vendor's
 *                   plain Node imports it: ESM, dependencies left to the vendor's node_modules,
 *                   what start-up does not need in chunks of its own)
 *   console         server/console/ → dist-console/  (the authority's vendor console; its own
 *                   config, vite.console.config.ts, since root and base differ)
 * JSX goes through Vite's built-in oxc transform (no React plugin needed).
 */

const root = import.meta.dirname;
const nodeTarget = 'node22';

export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'chrome130',
    reportCompressedSize: true,
  },
  environments: {
    electronMain: {
      consumer: 'server',
      resolve: { noExternal: true, external: ['electron'] },
      build: {
        outDir: resolve(root, 'dist-electron'),
        emptyOutDir: true,
        target: nodeTarget,
        ssr: true,
        rolldownOptions: {
          input: { main: resolve(root, 'electron/main.ts') },
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
    },
    electronPreload: {
      consumer: 'server',
      resolve: { noExternal: true, external: ['electron'] },
      build: {
        outDir: resolve(root, 'dist-electron'),
        emptyOutDir: false,
        target: nodeTarget,
        ssr: true,
        rolldownOptions: {
          input: { preload: resolve(root, 'electron/preload.ts') },
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    library: {
      consumer: 'server',
      build: {
        outDir: resolve(root, 'dist-library'),
        emptyOutDir: true,
        target: nodeTarget,
        ssr: true,
        rolldownOptions: {
          input: { node: resolve(root, 'node-core/library/index.ts') },
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    },
  },
  // Declaring a builder makes plain `vite build` build every environment above, in order.
  builder: {
    async buildApp(builder) {
      for (const name of ['client', 'electronMain', 'electronPreload', 'library']) {
        await builder.build(builder.environments[name]!);
      }
      await build({ configFile: resolve(root, 'vite.console.config.ts'), logLevel: builder.config.logLevel });
    },
  },
});
