import { defineConfig, devices } from '@playwright/test';
import { chromiumPath } from './tests/e2e/chromium';
import { syncServerPort, syncControlPort } from './tests/e2e/sync-ports';

// E2E runs against the production build (`vite build` + `vite preview`), in
// Debian's Chromium (or CHROMIUM_PATH). No browser is downloaded.
// E2E_PORT and E2E_DIST let two builds be tested side by side on one machine.
// The suite starts its own in-memory sync server on E2E_SYNC_PORT (its control
// port, for stopping and restarting it mid-test, is the next one; see
// tests/e2e/sync-server.ts) and the preview passes /sync/ on to it.
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_DIST ?? 'dist';
const syncPort = syncServerPort();
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON
    ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON }]]
    : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'off',
    serviceWorkers: 'allow',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumPath(),
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `node scripts/sync-server.mjs --in-memory --port ${syncPort} --control-port ${syncControlPort()} --quiet`,
      // Its control port answers only once the sync server itself is listening.
      url: `http://127.0.0.1:${syncControlPort()}/status`,
      // Never someone else's server: the tests stop, restart and tamper with it.
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: `npx vite preview --port ${port} --strictPort --outDir ${outDir}`,
      url: `http://localhost:${port}`,
      env: { APLIS_SYNC_PORT: String(syncPort) },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
