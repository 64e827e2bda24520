// ESLint: the boundaries ARCHITECTURE.md draws, checked on every `npm test`.
// - No floating promises: an un-awaited promise hides its failure.
// - Domain code knows nothing of SvelteKit, tRPC or the environment.
// - The browser (pages, components, client helpers, shared code) never imports server code, except
//   as a type. Shared code imports no native or database modules either.
// Import cycles (type imports included) are checked by scripts/lint/check-cycles.ts.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const SERVER_ONLY = {
  group: ['**/server/**', '$lib/server/*', '#lib/server/*'],
  message: 'The browser may not import server code (type imports are fine).',
  allowTypeImports: true,
};

export default ts.config(
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      '.tools/',
      '.data/',
      'node_modules/',
      'reports/',
      'test-results/',
      'src/lib/server/db/generated/',
      'tools/prisma-wasm/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Prisma raw rows and a few library seams are typed `any` on purpose; keep them visible, not fatal.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The app is served at the root (no `paths.base`), so plain hrefs and goto() paths are right.
      'svelte/no-navigation-without-resolve': 'off',
      // `{' · '}` keeps a separator's spaces where Prettier would otherwise reflow them away.
      'svelte/no-useless-mustaches': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } },
  },
  {
    files: ['*.js', '*.config.ts'],
    ...ts.configs.disableTypeChecked,
  },
  {
    files: ['src/lib/server/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['$app/*', '$env/*', '@sveltejs/kit', '@sveltejs/kit/*', '@trpc/*'],
              message: 'Domain code takes (db, ctx, input) and knows nothing of SvelteKit, tRPC or the environment.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/routes/**/*.svelte',
      'src/routes/**/+page.ts',
      'src/routes/**/+layout.ts',
      'src/lib/components/**',
      'src/lib/client/**',
      'src/lib/trpc.ts',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [SERVER_ONLY] }] },
  },
  {
    files: ['src/lib/shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            SERVER_ONLY,
            {
              group: ['node:*', 'pg', 'pg-boss', '@prisma/*', '@node-rs/*', 'stripe', '$app/*', '$env/*'],
              message: 'Shared code is loaded by the browser: no native, database or framework modules.',
            },
          ],
        },
      ],
    },
  },
);
