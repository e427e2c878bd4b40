// First: the first screen's texts start downloading before the rest is evaluated.
import './i18n/prefetch-first-screen';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createQueryClient } from './services/query-client';
import { deviceQueries } from './session/device-settings';
import { createAppRouter, loadLayout, loadTodayPage } from './app/router';
import { loadWelcome } from './features/setup/routes';
import { createServices } from './services/services';
import { createI18n, firstScreenNamespaces, loadRemainingNamespaces } from './i18n/i18n';
import './app/styles.css';

async function start() {
  // Ask the browser not to evict this origin's data under storage pressure.
  void navigator.storage?.persist?.().catch(() => false);
  const services = createServices();
  const queryClient = createQueryClient();
  // The first screen's requests run side by side, not one after another:
  // whether the device is set up (IndexedDB) and the chunk of the screen that
  // follows — the welcome screen on a new device, Today (behind the unlock
  // screen, which is in the main bundle) and the app's frame on one that is
  // set up — start now,
  // while the first screen's texts load.
  void queryClient
    .fetchQuery(deviceQueries.settings(services))
    .then((device) => {
      if (device.setUp) {
        void loadLayout();
        void loadTodayPage();
      } else void loadWelcome();
    })
    .catch(() => undefined); // The Gate asks again and shows the error.
  const i18n = await createI18n(undefined, firstScreenNamespaces);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App services={services} i18n={i18n} router={createAppRouter()} queryClient={queryClient} />
    </StrictMode>,
  );
  // The other screens' texts, once the first screen has had its frame.
  requestAnimationFrame(() =>
    setTimeout(() => void loadRemainingNamespaces(i18n).catch(() => undefined)),
  );
}

void start();
