import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '**/build/', '**/.svelte-kit/', 'data/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // a package is entered only through its exports: never reach into another package's src
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/packages/*/src/**', '@kaohe/*/src/**'], message: 'import the package by name' }] },
      ],
    },
  },
);
