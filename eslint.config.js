// Lint rules that carry the team's habits (see ../shared/design/house-style.md).
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist', 'dist-*', 'dev-dist', 'node_modules', 'test-results', 'playwright-report', 'coverage'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Never log: a log line could carry a record.
      'no-console': 'error',
      // autoFocus is deliberate on the unlock and set-up screens (the only thing to do there).
      'jsx-a11y/no-autofocus': 'off',
    },
  },
  {
    // Only src/db talks to Dexie; only src/pdf loads jsPDF (and lazily).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/db/**', 'src/pdf/**', 'src/testing/**', 'src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'dexie', message: 'Only src/db talks to IndexedDB: use a repository.' },
            { name: 'jspdf', message: 'Only src/pdf imports jsPDF, through a dynamic import.' },
          ],
        },
      ],
    },
  },
  {
    // Only src/crypto calls WebCrypto's subtle API.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/crypto/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'crypto', property: 'subtle', message: 'Only src/crypto uses crypto.subtle.' },
      ],
    },
  },
  {
    // Domain rules are plain TypeScript: no React, no Dexie, no features.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'react',
            'react-*',
            'dexie',
            '../db/*',
            '../features/*',
            '../app/*',
            '../ui/*',
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'tests/bench/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['tests/**/*.ts', 'src/**/*.test.{ts,tsx}', 'src/testing/**'],
    rules: {
      // Playwright fixtures call a function named `use`; it is not React's.
      'react-hooks/rules-of-hooks': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
