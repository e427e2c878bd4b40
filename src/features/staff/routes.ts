import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  {
    path: 'settings/staff',
    lazy: () => import('./pages/staff-page').then((m) => ({ Component: m.StaffPage })),
  },
];
