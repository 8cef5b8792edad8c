// The lint rules that keep code where it may run (STYLE.md habit 1): shared/ is pure TypeScript,
// renderer/ never reaches Node or Electron, node-core/ is the app's main-process logic in plain
// Node (no Electron: the browser host, the tests and the vendor's library run it without one),
// electron/ alone may import Electron, server/ never reaches the app or the UI.
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'shared/ and renderer/ run in the browser too: no Node modules.' };
const electronOnly = { group: ['electron', 'electron/*', 'electron-store'], message: 'Only electron/ may use Electron.' };
const electronGlue = { group: ['**/electron/**'], message: 'node-core/ runs without Electron; electron/ builds on it, never the other way round.' };
const noUi = { group: ['**/renderer/**', 'react', 'react-dom', 'react-dom/*'], message: 'UI code stays in renderer/.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'dist-console/', 'release/', 'test-results/', 'examples/*/dist/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            electronOnly,
            noUi,
            { group: ['**/electron/**', '**/node-core/**', '**/server/**'], message: 'shared/ depends on nothing but itself.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [nodeBuiltins, electronOnly, { group: ['**/electron/**', '**/node-core/**', '**/server/**'], message: 'The renderer talks to main only through the IPC client.' }] },
      ],
    },
  },
  {
    files: ['node-core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronOnly, noUi, electronGlue] }],
    },
  },
  {
    // Tests may start a real authority; the app's own code never depends on it.
    files: ['node-core/**/*.ts'],
    ignores: ['node-core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [electronOnly, noUi, electronGlue, { group: ['**/server/**'], message: 'The app does not depend on the authority.' }] },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/console/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronOnly, noUi, { group: ['**/electron/**', '**/node-core/**'], message: 'The authority does not depend on the app.' }] }],
    },
  },
  {
    // The vendor console is a browser bundle served by the authority: React and shared/ only; the
    // server's modules only as types (the admin API's answer shapes), which leave nothing in the bundle.
    files: ['server/console/**/*.ts', 'server/console/**/*.tsx'],
    ignores: ['server/console/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...nodeBuiltins, message: 'The console runs in the browser: no Node modules.' },
            electronOnly,
            { group: ['**/electron/**', '**/node-core/**', '**/renderer/**'], message: 'The console talks to the authority only over HTTP.' },
            { group: ['**/licensing/**', '**/storage/**', '**/http/**', '**/cli/**', '**/offline/**', '**/demo/**', '**/keys/**'], allowTypeImports: true, message: 'The console reaches the authority only over HTTP; its modules only as types.' },
          ],
        },
      ],
    },
  },
);
