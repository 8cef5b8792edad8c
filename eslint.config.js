// The lint rules that keep code where it may run (STYLE.md habit 1): shared/ is pure TypeScript,
// renderer/ never reaches Node or Electron, server/ never reaches Electron or the UI.
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'shared/ and renderer/ run in the browser too: no Node modules.' };
const electronOnly = { group: ['electron', 'electron/*', 'electron-store'], message: 'Only electron/ may use Electron.' };
const noUi = { group: ['**/renderer/**', 'react', 'react-dom', 'react-dom/*'], message: 'UI code stays in renderer/.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'test-results/'] },
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
            { group: ['**/electron/**', '**/server/**'], message: 'shared/ depends on nothing but itself.' },
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
        { patterns: [nodeBuiltins, electronOnly, { group: ['**/electron/**', '**/server/**'], message: 'The renderer talks to main only through the IPC client.' }] },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronOnly, noUi, { group: ['**/electron/**'], message: 'The authority does not depend on the app.' }] }],
    },
  },
);
