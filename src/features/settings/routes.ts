import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  {
    path: 'settings',
    lazy: () => import('./pages/settings-page').then((m) => ({ Component: m.SettingsPage })),
  },
];
