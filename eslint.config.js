// Lint rules that carry the team's habits (docs/architecture.md says which
// layer may import which; the boundary rules below hold that shape).
import fs from 'node:fs';
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'dev-dist',
      'node_modules',
      'test-results',
      'playwright-report',
      'coverage',
    ],
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
            {
              name: 'react-router',
              importNames: ['Link', 'NavLink', 'Form'],
              message:
                "Use ui/link.tsx: React Router's own Link, NavLink and Form put its prefetching and form code in the first screen (vite.config.ts).",
            },
            {
              name: 'pouchdb-browser',
              message:
                'Only src/sync imports PouchDB, through a dynamic import (sync/load-engine.ts).',
            },
          ],
          patterns: [
            {
              group: ['pouchdb-browser/*'],
              message:
                'Only src/sync imports PouchDB, through a dynamic import (sync/load-engine.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // src/sync loads PouchDB (lazily, load-engine.ts) but still never Dexie.
    files: ['src/sync/**/*.ts'],
    ignores: ['src/**/*.test.{ts,tsx}'],
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
    // Domain rules are plain TypeScript: no React, no Dexie (the layer zones
    // below keep every other layer out, at every depth).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-*', 'dexie'] }],
    },
  },
  {
    // The layers (docs/architecture.md): each may import only the layers below it.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}', 'src/testing/**'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import/no-restricted-paths': ['error', { zones: layerZones() }],
      'import/no-cycle': ['error', { ignoreExternal: true }],
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

/**
 * One zone per forbidden direction. Top to bottom: app → features → session →
 * entities → services → the base layers (ui, domain, db, crypto, i18n, pdf).
 * A feature reaches another feature only through that feature's `index.ts`.
 */
function layerZones() {
  const order = ['app', 'features', 'session', 'entities', 'services'];
  const base = {
    // Which base layers each base layer may use (itself always).
    ui: ['i18n', 'domain'],
    i18n: [],
    domain: [],
    crypto: [],
    db: ['crypto', 'domain'],
    pdf: ['domain', 'i18n'],
    // Team sync: the bridge between the vault's rows (db, crypto) and PouchDB.
    sync: ['db', 'crypto', 'domain'],
  };
  const all = [...order, ...Object.keys(base)];
  const zones = [];
  for (const [i, layer] of order.entries()) {
    const above = order.slice(0, i);
    if (above.length)
      zones.push({
        target: `./src/${layer}`,
        from: above.map((a) => `./src/${a}`),
        message: `${layer} sits below ${above.join(', ')} (docs/architecture.md).`,
      });
  }
  // Single files a base layer may read from a layer it otherwise may not:
  // domain reads the language list (a module with no imports of its own).
  const files = { domain: { i18n: ['./languages.ts'] } };
  for (const [layer, allowed] of Object.entries(base)) {
    for (const banned of all.filter((l) => l !== layer && !allowed.includes(l)))
      zones.push({
        target: `./src/${layer}`,
        from: `./src/${banned}`,
        except: files[layer]?.[banned] ?? [],
        message: `${layer} may import only ${allowed.join(', ') || 'itself'} (docs/architecture.md).`,
      });
  }
  const features = fs
    .readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  for (const feature of features)
    zones.push({
      target: './src/app',
      from: `./src/features/${feature}`,
      except: ['./index.ts', './routes.ts'],
      message: `The app composes a feature through its routes.ts or index.ts (features/${feature}).`,
    });
  for (const feature of features)
    for (const other of features.filter((f) => f !== feature))
      zones.push({
        target: `./src/features/${feature}`,
        from: `./src/features/${other}`,
        except: ['./index.ts'],
        message: `A feature uses another only through its index.ts (features/${other}/index.ts).`,
      });
  return zones;
}
