import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { lazy, Suspense, useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, type createBrowserRouter } from 'react-router';
import { Loading } from '../ui/page';
import { RootErrorBoundary } from './errors';
import { createQueryClient, forgetOnLock } from '../services/query-client';
import { ServicesProvider, type AppServices } from '../services/services';

// Registering the service worker waits for its own small chunk: nothing on
// the first screen needs it.
const UpdatePrompt = lazy(() =>
  import('./update-prompt').then((m) => ({ default: m.UpdatePrompt })),
);

interface AppProps {
  services: AppServices;
  i18n: i18n;
  router: ReturnType<typeof createBrowserRouter>;
  withServiceWorker?: boolean;
  /** Tests pass their own to look inside the cache. */
  queryClient?: QueryClient;
}

export function App({
  services,
  i18n,
  router,
  withServiceWorker = true,
  queryClient: given,
}: AppProps) {
  const [queryClient] = useState(() => given ?? createQueryClient());

  // Locking forgets every decrypted value and every typed text the client holds.
  useEffect(
    () =>
      services.vault.subscribe(() => {
        if (!services.vault.isUnlocked) forgetOnLock(queryClient);
      }),
    [services, queryClient],
  );

  // Rows another device wrote arrived through sync: what is on screen is read again.
  useEffect(
    () =>
      services.sync.onApplied?.(() => {
        if (services.vault.isUnlocked)
          void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'device' });
      }),
    [services, queryClient],
  );

  // Back from the browser's back/forward cache: the page comes back as it was
  // left, possibly unlocked and with names on screen. Start again, locked.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      services.vault.lock();
      window.location.reload();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, [services]);

  // Another tab opened a newer version of the database: step aside cleanly.
  useEffect(
    () =>
      services.database.onVersionChange(() => {
        services.vault.lock();
        services.database.close();
        window.location.reload();
      }),
    [services],
  );

  return (
    <RootErrorBoundary>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <ServicesProvider services={services}>
            <Suspense fallback={<Loading />}>
              <RouterProvider router={router} />
              {withServiceWorker ? (
                <Suspense fallback={null}>
                  <UpdatePrompt />
                </Suspense>
              ) : null}
            </Suspense>
          </ServicesProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </RootErrorBoundary>
  );
}
