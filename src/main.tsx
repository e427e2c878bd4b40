// First: the first screen's texts start downloading before the rest is evaluated.
import './i18n/prefetch-first-screen';
import { StrictMode, startTransition, useLayoutEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createQueryClient } from './services/query-client';
import { deviceQueries } from './session/device-settings';
import { createAppRouter, loadLayout, loadTodayPage } from './app/router';
import { loadWelcome } from './features/setup/routes';
import { createServices } from './services/services';
import {
  createI18n,
  firstScreenNamespaces,
  loadRemainingNamespaces,
  preferredLanguage,
} from './i18n/i18n';
import { firstFrameSettled, takeOverFirstFrame } from './app/first-frame-handoff';
import './app/styles.css';

/** Calls `onCommit` once, in the commit that first shows `children`. */
function FirstCommit({ onCommit, children }: { onCommit: () => void; children: ReactNode }) {
  useLayoutEffect(() => onCommit(), [onCommit]);
  return children;
}

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
  const i18nReady = createI18n(undefined, firstScreenNamespaces);
  // A deep link's route may load its module first: the first commit waits for
  // it, so it is the Gate's card, not an empty router, that replaces the frame.
  const router = createAppRouter();
  const routerReady = new Promise<void>((resolve) => {
    if (router.state.initialized) return resolve();
    const stop = router.subscribe((state) => {
      if (!state.initialized) return;
      stop();
      resolve();
    });
  });
  const firstScreen = queryClient
    .fetchQuery(deviceQueries.settings(services))
    .then((device) => {
      if (device.setUp) {
        void loadLayout();
        void loadTodayPage();
        return;
      }
      // The welcome card (with the restore choice's texts) is what the
      // static first frame shows: React's first card is that one, not a
      // loading card in between.
      return Promise.all([
        loadWelcome(),
        i18nReady.then((i18n) => i18n.loadNamespaces('settings')),
      ]);
    })
    .catch(() => undefined); // The Gate asks again and shows the error.
  const i18n = await i18nReady;
  await firstScreen;
  await routerReady;
  // The language changed on the frame while this loaded is the app's too.
  if (i18n.language !== preferredLanguage()) await i18n.changeLanguage(preferredLanguage());
  // React's first render is a transition, which React cuts into slices of
  // ≈ 5 ms with the page free in between, not one long task (docs/first-paint.md),
  // into a container not yet on the page: the static first frame (index.html)
  // stays on screen, and usable, until the app's card is ready under it.
  const container = document.createElement('div');
  container.id = 'root';
  let committed!: () => void;
  const firstCommit = new Promise<void>((resolve) => (committed = resolve));
  const root = createRoot(container, {
    // An error no boundary caught still ends the frame (as React's default, reported).
    onUncaughtError: (error) => {
      reportError(error);
      committed();
    },
  });
  startTransition(() =>
    root.render(
      <StrictMode>
        <FirstCommit onCommit={committed}>
          <App services={services} i18n={i18n} router={router} queryClient={queryClient} />
        </FirstCommit>
      </StrictMode>,
    ),
  );
  await firstCommit;
  // A press that began on the static first frame ends on it, and the
  // language changed on the frame meanwhile is the app's too.
  for (;;) {
    await firstFrameSettled();
    if (i18n.language === preferredLanguage()) break;
    await i18n.changeLanguage(preferredLanguage());
  }
  // The app's card replaces the frame, and what was done on the frame
  // carries over, in one task: no event in between.
  takeOverFirstFrame(container);
  // The other screens' texts, once the first screen has had its frame.
  requestAnimationFrame(() =>
    setTimeout(() => void loadRemainingNamespaces(i18n).catch(() => undefined)),
  );
}

void start();
