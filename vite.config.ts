/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, minify, type Plugin } from 'vite';
import { contentSecurityPolicy, firstFrameScriptHash } from './src/app/csp.js';
import { firstFramesHtml, type ReadText } from './src/app/first-frame.js';

// The production page forbids any request beyond its own origin (src/app/csp.ts).
// Dev mode needs inline scripts for hot reload, so the policy is added at build time only.

/**
 * The sync server answers under the app's own origin at /sync/, so the CSP keeps
 * `connect-src 'self'` and no CORS is needed: `npm start` and the e2e set-up run
 * scripts/sync-server.mjs on APLIS_SYNC_PORT (default 5984) and the preview (and
 * dev) server passes /sync/… on to it without the prefix. Production does the
 * same with Caddy in front of CouchDB (deploy/Caddyfile).
 */
/**
 * React Router's package points every bundler at its development build
 * (remix-run/react-router#12532, #14753): development warnings and checks
 * the app's users never need, in the first screen's JavaScript. The build
 * takes the production build the package ships alongside it; dev and tests
 * keep the development one and its warnings.
 */
const reactRouterProduction: Plugin = {
  name: 'aplis-react-router-production',
  apply: 'build',
  enforce: 'pre',
  resolveId(id) {
    if (id !== 'react-router') return null;
    return fileURLToPath(
      new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url),
    );
  },
};

/**
 * React Router's production build is one module whose components are made by
 * `React.forwardRef(…)` calls and given a `displayName` (for React DevTools)
 * at its top level. The bundler must keep such statements, so `Link`,
 * `NavLink` and `Form` — with page prefetching, route discovery and form
 * submission behind them — were in the first screen's JavaScript although
 * the app uses none of them (its links are `ui/link.tsx`). Marking those
 * calls pure and dropping the DevTools names lets the unused ones go
 * (docs/first-paint.md). A React Router update that changes this shape fails
 * the build here rather than silently growing the first screen again.
 */
const reactRouterTreeShake: Plugin = {
  name: 'aplis-react-router-tree-shake',
  apply: 'build',
  transform: {
    filter: { id: /\/react-router\/dist\/production\/chunk-[^/]+\.mjs$/ },
    handler(code, id) {
      let pure = 0;
      let names = 0;
      const out = code
        .replace(/^(var \w+ = )(React\d*\.forwardRef\()/gm, (_m, head: string, call: string) => {
          pure += 1;
          return `${head}/* @__PURE__ */ ${call}`;
        })
        .replace(/^\w+\.displayName = "\w+";$/gm, () => {
          names += 1;
          return '';
        });
      if (!code.includes('var Link = ')) return null; // another of its chunks
      if (pure < 3 || names < 3) {
        throw new Error(`aplis-react-router-tree-shake: unexpected shape of ${id}`);
      }
      return { code: out, map: null };
    },
  },
};

/**
 * A device that is not set up shows the welcome screen first: its chunk (and
 * what it imports) is preloaded from index.html, so it downloads alongside the
 * main script instead of after it has run (docs/first-paint.md). A set-up
 * device gets it from the service worker's cache, without a request.
 */
const preloadWelcome: Plugin = {
  name: 'aplis-preload-welcome',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(_html, { bundle }) {
      if (!bundle) return [];
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const entry = chunks.find((c) => c.isEntry);
      const welcome = chunks.find((c) =>
        c.facadeModuleId?.endsWith('/src/features/setup/welcome.tsx'),
      );
      if (!entry || !welcome) throw new Error('aplis-preload-welcome: no entry or welcome chunk');
      const initial = new Set([entry.fileName, ...entry.imports]);
      const files = [welcome.fileName, ...welcome.imports].filter((f) => !initial.has(f));
      return files.map((file) => ({
        tag: 'link',
        attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}` },
        injectTo: 'head' as const,
      }));
    },
  },
};

/**
 * The static first frame (src/app/first-frame.ts): the welcome and unlock
 * cards in every language, written into index.html with their texts read
 * from locales/ at build time (and in dev), so they cannot drift from the
 * app's. public/first-frame.js shows the one that fits before anything paints.
 */
export const readLocaleText: ReadText = (lng, key) => {
  const [namespace, path] = key.split(':') as [string, string];
  let value: unknown = JSON.parse(
    // From the project's folder, where Vite and Vitest run.
    readFileSync(`locales/${lng}/${namespace}.json`, 'utf8'),
  );
  for (const part of path.split('.')) value = (value as Record<string, unknown>)?.[part];
  if (typeof value !== 'string') throw new Error(`aplis-first-frame: no ${lng} text for ${key}`);
  return value;
};
/**
 * The first frame's script (src/app/first-frame-script.js) as the page carries
 * it, inline in its head: as written in dev, minified in the build
 * (≈ 3.2 KB gzip as written, ≈ 1.6 KB minified), with the CSP hash of exactly
 * those bytes. Inline, nothing is fetched before the first paint.
 */
export async function firstFrameScript(minified: boolean): Promise<{ code: string; hash: string }> {
  let code = readFileSync('src/app/first-frame-script.js', 'utf8');
  if (minified) {
    const result = await minify('first-frame-script.js', code, {});
    if (result.errors.length) throw new Error(`aplis-first-frame: ${result.errors[0]!.message}`);
    code = result.code;
  }
  if (code.includes('</script')) throw new Error('aplis-first-frame: "</script" in the script');
  const hash = `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
  return { code, hash };
}

let building = false;
const firstFrame: Plugin = {
  name: 'aplis-first-frame',
  configResolved(config) {
    building = config.command === 'build';
  },
  transformIndexHtml: {
    order: 'pre',
    async handler(html) {
      const { frames, style } = firstFramesHtml(readLocaleText);
      const script = await firstFrameScript(building);
      // The page's CSP allows this one inline script by its hash (src/app/csp.ts).
      if (building && script.hash !== firstFrameScriptHash)
        throw new Error(
          `aplis-first-frame: the first frame's script changed; its CSP hash is now ${script.hash}: ` +
            'put it in src/app/csp.ts (firstFrameScriptHash) and deploy/Caddyfile',
        );
      return html
        .replace('<!-- first-frame: script -->', `<script>${script.code}</script>`)
        .replace('<!-- first-frame: style -->', `<style>${style}</style>`)
        .replace('<!-- first-frame: cards -->', frames);
    },
  },
};

/**
 * Nothing is fetched before the first paint, and nothing of the app's competes
 * with it (docs/first-paint.md):
 *
 * - the app's stylesheet is inlined (≈ 5 KB gzip; the CSP allows inline styles);
 * - the app's entry and every module preload (its imports, the welcome
 *   screen's chunks) go into `<template id="aplis-app">`, inert until
 *   src/app/first-frame-script.js moves them into the head after the first
 *   frame has been painted; then they all download at once, as the preload
 *   links in the head did, and the entry runs when they are there.
 *
 * Otherwise, when the scripts arrive as fast as the page (a warm cache, a
 * fast network), evaluating ≈ 180 KB of them holds the first paint back
 * behind work the frame does not need, and on a slow network they share the
 * bandwidth with the page's own first request.
 */
const appAfterFirstFrame: Plugin = {
  name: 'aplis-app-after-first-frame',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html, { bundle }) {
      if (!bundle) return html;
      const entry = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>\n?/;
      if (!entry.test(html)) throw new Error('aplis-app-after-first-frame: no entry script');
      const stylesheet =
        /<link rel="stylesheet" crossorigin href="\/(assets\/index-[^"]+\.css)">\n?/;
      const css = stylesheet.exec(html)?.[1];
      const asset = css ? bundle[css] : undefined;
      if (!asset || asset.type !== 'asset')
        throw new Error('aplis-app-after-first-frame: no app stylesheet');
      const source =
        typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
      if (source.includes('</style'))
        throw new Error('aplis-app-after-first-frame: "</style" in CSS');
      const preloads: string[] = [];
      const page = html
        .replace(entry, (_m, src: string) => {
          preloads.unshift(`<link rel="modulepreload" crossorigin href="${src}" data-aplis-entry>`);
          return '';
        })
        // The link stays, disabled (never fetched): Vite's loader of lazy
        // chunks finds the stylesheet there and does not add it again.
        .replace(
          stylesheet,
          (_m, href: string) =>
            `<style>${source}</style>\n<link rel="stylesheet" href="/${href}" disabled>\n`,
        )
        .replace(/ *<link rel="modulepreload"[^>]*>\n?/g, (link) => {
          preloads.push(link.trim());
          return '';
        });
      return page.replace(
        '</head>',
        `<template id="aplis-app">${preloads.join('')}</template>\n</head>`,
      );
    },
  },
};

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
    reactRouterProduction,
    reactRouterTreeShake,
    preloadWelcome,
    firstFrame,
    appAfterFirstFrame,
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
              // Evaluated before the main chunks: starts the first screen's
              // texts downloading (src/i18n/first-screen-texts.ts).
              name: 'first-texts',
              test: /\/src\/i18n\/(first-screen-texts|prefetch-first-screen|languages)\.ts$/,
            },
            {
              name: 'services',
              test: /\/src\/(db\/(registers|tombstones|migrations)|session\/device-settings|i18n\/i18n)\.ts$|\/@tanstack\/(react-query|query-core)\/|\/react-router\/dist\/production\//,
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
