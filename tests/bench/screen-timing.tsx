/**
 * What the Chromium benches share: timing a screen from an action to its
 * first paint, and the app's providers around a bench's router.
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, type createMemoryRouter } from 'react-router';
import { ServicesProvider, type AppServices } from '../../src/services/services';

export interface Timing {
  /** From the action to the DOM holding the screen. */
  dom: number;
  /** From the action to the frame after that (the screen painted). */
  painted: number;
}

/** Resolves with the time at which `ready()` first holds (checked after every DOM change). */
export function when(
  ready: () => boolean,
  what = 'the screen',
  timeoutMs = 60_000,
): Promise<number> {
  return new Promise((resolve, reject) => {
    if (ready()) return resolve(performance.now());
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(
        new Error(
          `${what} did not appear in time; on screen: ${document.body.textContent?.slice(0, 300)}`,
        ),
      );
    }, timeoutMs);
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now());
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** Resolves after the next frame is painted, with the time then. */
export const nextFrame = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
  );

/** Times `go` until `ready()` holds and until the frame after it. */
export async function timed(
  go: () => Promise<void>,
  ready: () => boolean,
  what?: string,
): Promise<Timing> {
  const t0 = performance.now();
  const shown = when(ready, what);
  await go();
  const dom = await shown;
  const painted = await nextFrame();
  return { dom: dom - t0, painted: painted - t0 };
}

/** The app's providers around a bench's router. */
export function BenchApp({
  services,
  i18n,
  router,
  queryClient,
}: {
  services: AppServices;
  i18n: I18n;
  router: ReturnType<typeof createMemoryRouter>;
  queryClient: QueryClient;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <ServicesProvider services={services}>
        <I18nextProvider i18n={i18n}>
          <RouterProvider router={router} />
        </I18nextProvider>
      </ServicesProvider>
    </QueryClientProvider>
  );
}
