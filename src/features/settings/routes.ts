import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  {
    path: 'settings',
    lazy: () => import('./pages/settings-page').then((m) => ({ Component: m.SettingsPage })),
  },
  {
    path: 'settings/sync',
    lazy: () => import('./pages/sync-page').then((m) => ({ Component: m.SyncPage })),
  },
];
