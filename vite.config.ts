/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './src/app/csp.js';

// The production page forbids any request beyond its own origin (src/app/csp.ts).
// Dev mode needs inline scripts for hot reload, so the policy is added at build time only.

/**
 * The sync server answers under the app's own origin at /sync/, so the CSP keeps
 * `connect-src 'self'` and no CORS is needed: `npm start` and the e2e set-up run
 * scripts/sync-server.mjs on APLIS_SYNC_PORT (default 5984) and the preview (and
 * dev) server passes /sync/… on to it without the prefix. Production does the
 * same with Caddy in front of CouchDB (deploy/Caddyfile).
 */
const syncPort = Number(process.env.APLIS_SYNC_PORT ?? 5984);
const syncProxy = {
  '^/sync(/|$)': {
    target: `http://127.0.0.1:${syncPort}`,
    changeOrigin: true,
    rewrite: (path: string) => path.replace(/^\/sync/, '') || '/',
  },
};

export default defineConfig({
  plugins: [
    react(),
    {
      name: 'aplis-csp',
      apply: 'build',
      transformIndexHtml: (html) =>
        html.replace(
          '<!-- csp: added by the build (vite.config.ts) -->',
          `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`,
        ),
    },
    VitePWA({
      // 'prompt': a new version waits until the user chooses to reload, so
      // nobody's screen changes under them in the middle of a meeting.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        name: 'Aplis',
        short_name: 'Aplis',
        description: 'Psychoeducational groups for young people — offline, private.',
        lang: 'lv',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f7f5f0',
        theme_color: '#24527a',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // Everything the app needs offline, including the PDF font.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,ttf,webmanifest}'],
        // jsPDF's optional html2canvas/DOMPurify helpers are never used by Aplis.
        // The demo's made-up names load only on request and are never cached,
        // so the at-rest check can hold Cache Storage to the same rule as IndexedDB.
        globIgnores: ['**/html2canvas*', '**/purify*', '**/index.es-*', '**/demo-data-*'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        // /sync/ is the sync server's, never the app's page.
        navigateFallbackDenylist: [/^\/sync(\/|$)/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    manifest: true,
    rolldownOptions: {
      output: {
        // Modules the first screen needs that lazy screens share too would
        // otherwise each get a small chunk of their own (eight requests and
        // ~3 KB gzip of chunk overhead): keep them with the services chunk.
        // Only modules already in the initial bundle are listed here.
        codeSplitting: {
          groups: [
            {
              name: 'services',
              test: /\/src\/(db\/(registers|tombstones|migrations)|session\/device-settings|i18n\/(i18n|languages))\.ts$|\/@tanstack\/(react-query|query-core)\//,
            },
          ],
        },
      },
    },
  },
  server: { proxy: syncProxy },
  preview: { proxy: syncProxy },
  worker: { format: 'es' },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    reporters: process.env.VITEST_JSON
      ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]]
      : ['default'],
  },
});
