import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  {
    path: 'participants/:participantId/plan',
    lazy: () => import('./pages/plan-staff-page').then((m) => ({ Component: m.PlanStaffPage })),
  },
];

/** Kiosk mode: the young person's own plan, outside the staff layout (see session/kiosk.ts). */
export const kioskRoutes: RouteObject[] = [
  {
    path: 'kiosk/plan/:participantId',
    lazy: () => import('./pages/kiosk-page').then((m) => ({ Component: m.KioskPage })),
  },
];
