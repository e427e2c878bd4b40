/**
 * Renders the whole app — real services over an in-memory IndexedDB
 * (fake-indexeddb), real i18n with the real locale files, and the real route
 * table in a memory router — so feature tests exercise what a user sees.
 *
 * Only the key derivation is made cheap (`testKdfPolicy`); everything else is
 * the production code path. Routes load lazily, so use `findBy*` queries.
 */
import { render, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import { App } from '../app/app';
import { createQueryClient } from '../services/query-client';
import { routes } from '../app/router';
import { createServices, type AppServices } from '../services/services';
import { AplisDatabase } from '../db/schema';
import { deriveBits } from '../crypto/kdf';
import { createDemoOrganisation } from '../features/setup/demo-data';
import { DEMO_PASSPHRASE } from '../session/demo-passphrase';
import { createI18n } from '../i18n/i18n';
import type { UiLanguage } from '../i18n/languages';
import type { SyncController } from '../sync/types';
import { TEST_PASSPHRASE, testKdfPolicy } from './vault-fixture';

/** Generous, because every route is a lazy chunk and unlocking derives a key. */
export const SLOW = { timeout: 10_000 } as const;

export const TEST_ORGANISATION = 'Test centre';
export const TEST_COORDINATOR = 'Ilze Testa';

export interface RenderAppOptions {
  route?: string;
  language?: UiLanguage;
  /**
   * What is on the device before the app starts:
   * - `none`: a fresh device (the welcome screen);
   * - `organisation`: a real organisation, locked with `TEST_PASSPHRASE`;
   * - `demo`: the demo organisation, locked with `DEMO_PASSPHRASE`.
   */
  setup?: 'none' | 'organisation' | 'demo';
  /** Unlock through the keyring before rendering, so the test starts inside the app. */
  unlocked?: boolean;
  /** Runs with the vault open, after set-up and before rendering (add rows, etc.). */
  seed?: (services: AppServices) => Promise<void>;
  /** The sync controller the app talks to (a fake the test drives); else the "off" one. */
  sync?: SyncController;
  /** Changes the services just before the app renders (a slow database, a failing store). */
  adjust?: (services: AppServices) => void;
}

export interface RenderedApp extends RenderResult {
  services: AppServices;
  /** The app's database, for tests that check what is (or is not) stored. The app never sees it. */
  db: AplisDatabase;
  user: ReturnType<typeof userEvent.setup>;
  router: ReturnType<typeof createMemoryRouter>;
  /** The app's query cache, to prove what it holds (nothing decrypted after a lock). */
  queryClient: ReturnType<typeof createQueryClient>;
  /** The passphrase that opens this device (undefined for `none`). */
  passphrase: string | undefined;
  /** Only for `organisation`: the recovery code, as shown once at set-up. */
  recoveryCode: string | undefined;
  staffId: string | undefined;
}

export async function renderApp(options: RenderAppOptions = {}): Promise<RenderedApp> {
  const {
    route = '/',
    language = 'en',
    setup = 'none',
    unlocked = false,
    seed,
    sync,
    adjust,
  } = options;
  const db = new AplisDatabase(`aplis-test-${crypto.randomUUID()}`);
  const services = createServices({
    db,
    policy: testKdfPolicy,
    derive: deriveBits,
  });
  if (sync) services.sync = sync;

  let passphrase: string | undefined;
  let recoveryCode: string | undefined;
  let staffId: string | undefined;
  if (setup === 'organisation') {
    passphrase = TEST_PASSPHRASE;
    ({ recoveryCode, staffId } = await services.keyring.createOrganisation({
      organisation: { name: TEST_ORGANISATION, supportContacts: [] },
      coordinator: { displayName: TEST_COORDINATOR, languages: [language] },
      passphrase,
    }));
  } else if (setup === 'demo') {
    passphrase = DEMO_PASSPHRASE;
    await createDemoOrganisation(services, language);
    staffId = services.vault.session?.staffId;
  }
  if (setup !== 'none') {
    if (seed) await seed(services);
    services.vault.lock();
    if (unlocked) await services.keyring.unlock(passphrase!, 'passphrase');
  }

  adjust?.(services);
  const i18n = await createI18n(language);
  const router = createMemoryRouter(routes, { initialEntries: [route] });
  const user = userEvent.setup();
  const queryClient = createQueryClient();
  const result = render(
    <App
      services={services}
      i18n={i18n}
      router={router}
      withServiceWorker={false}
      queryClient={queryClient}
    />,
  );
  return { ...result, services, db, user, router, queryClient, passphrase, recoveryCode, staffId };
}
