/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vite';

/**
 * The production page forbids any request beyond its own origin, so a slip
 * in code or a dependency cannot send data anywhere. (Dev mode needs inline
 * scripts for hot reload, so the policy is added at build time only.)
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

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
