// Lint rules, including the layering rules from docs/architecture.md: a bad import fails the build
// with a message that says which rule it breaks.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layer = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

const noElectron = {
  group: ['electron', 'electron/*'],
  message:
    'The engine and hosts must not import Electron: only src/main/index.ts and src/main/electron/ may.',
};
const noReact = {
  group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'],
  message: 'React and zustand belong in src/renderer only.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'examples/**/node_modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.js', 'bin/**', 'examples/**'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Playwright fixtures must destructure their first argument, even when they use nothing from it.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // The demo project is a program of its own that prints to its terminal.
    files: ['examples/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // Layering: dependencies point down only.
  layer(
    ['src/shared/**'],
    [
      noElectron,
      noReact,
      {
        group: ['node:*', '../main/*', '../renderer/*', '**/main/**', '**/renderer/**'],
        message: 'src/shared is imported by every layer: zod and plain TypeScript only.',
      },
    ],
  ),
  layer(
    ['src/main/engine/**'],
    [
      noElectron,
      noReact,
      {
        group: ['**/host/**', '**/electron/**', '**/renderer/**', '**/preload/**'],
        message: 'The engine depends on nothing above it (hosts, Electron shell, renderer).',
      },
    ],
  ),
  layer(
    ['src/main/host/**'],
    [
      noElectron,
      noReact,
      {
        group: ['**/electron/**', '**/renderer/**', '**/preload/**'],
        message: 'Hosts use the engine and shared code only.',
      },
    ],
  ),
  layer(
    ['src/renderer/**'],
    [
      noElectron,
      {
        group: ['**/main/**', '**/preload/**', 'node:*'],
        message: 'The renderer talks to the engine only through the protocol client in src/shared.',
      },
    ],
  ),
  layer(
    ['src/preload/**'],
    [
      noReact,
      {
        group: ['**/main/**', '**/renderer/**', 'node:*'],
        message: 'The preload only hands the engine MessagePort to the page.',
      },
    ],
  ),
);
