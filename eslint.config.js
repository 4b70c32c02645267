import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '**/build/', '**/.svelte-kit/', 'data/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    // .svelte files (and .svelte.ts runes modules) parse their scripts with typescript-eslint
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // svelte-check (TypeScript) already reports undefined names, and knows the browser globals
      'no-undef': 'off',
      // the dashboard is served at the site root (no paths.base), so plain hrefs are right
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // a package is entered only through its exports: never reach into another package's src
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/packages/*/src/**', '@kaohe/*/src/**'], message: 'import the package by name' },
          ],
        },
      ],
    },
  },
);
