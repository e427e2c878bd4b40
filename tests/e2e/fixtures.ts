/**
 * The e2e `test`: every test also asserts that the app asked for nothing
 * beyond its own origin (no CDN, font, analytics or error reporting).
 */
import { test as base, expect } from '@playwright/test';
import { AplisPage } from './pages/aplis-page';

/** The preview server's origin (see playwright.config.ts for E2E_PORT). */
export const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 4173}`;

export const test = base.extend<{ aplis: AplisPage; foreignRequests: string[] }>({
  foreignRequests: [
    async ({ context }, use) => {
      const foreign: string[] = [];
      context.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(ORIGIN) && !url.startsWith('data:') && !url.startsWith('blob:'))
          foreign.push(url);
      });
      await use(foreign);
      expect(foreign, 'requests that left the app origin').toEqual([]);
    },
    { auto: true },
  ],
  aplis: async ({ page }, use) => {
    await use(new AplisPage(page));
  },
});

export { expect };
