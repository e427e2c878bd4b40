/**
 * Routes. Every feature screen loads as its own chunk (route `lazy`), so the
 * first screen carries only the shell, the lock screen and the libraries.
 *
 * Where things go: each feature owns `features/<feature>/routes.ts` (its route
 * objects, pages loaded lazily) and keeps its screens in
 * `features/<feature>/pages/*-page.tsx`; the router only puts the features'
 * routes inside the staff layout or the kiosk shell.
 */
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { NotFound } from '../ui/not-found';
import { RouteError } from './errors';
import { Gate } from './gate';
import { GateLoading } from '../session/gate-card';
import { Loading } from '../ui/page';
import * as today from '../features/today/routes';
import * as programmes from '../features/programmes/routes';
import * as cohorts from '../features/cohorts/routes';
import * as meeting from '../features/meeting/routes';
import * as participants from '../features/participants/routes';
import * as screening from '../features/screening/routes';
import * as plans from '../features/plans/routes';
import * as reports from '../features/reports/routes';
import * as staff from '../features/staff/routes';
import * as settings from '../features/settings/routes';

export { loadTodayPage } from '../features/today/routes';

/**
 * The app's frame (header, menus, sync line) shows only once the vault is
 * open, so it loads apart from the first screen; main.tsx starts it early on
 * a device that is set up, while the unlock screen is up.
 */
export const loadLayout = () => import('./layout');
const Layout = lazy(() => loadLayout().then((m) => ({ default: m.Layout })));

const routes: RouteObject[] = [
  {
    element: (
      <Gate>
        <Suspense fallback={<GateLoading />}>
          <Layout />
        </Suspense>
      </Gate>
    ),
    errorElement: <RouteError />,
    // Shown while the first screen's lazy code loads.
    hydrateFallbackElement: <Loading />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          ...today.routes,
          ...programmes.routes,
          ...cohorts.routes,
          ...meeting.routes,
          ...participants.routes,
          ...screening.routes,
          ...plans.routes,
          ...reports.routes,
          ...staff.routes,
          ...settings.routes,
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
  {
    // Kiosk mode: behind the lock like every screen, but outside the Layout
    // (no menus, no names). See session/kiosk.ts.
    element: (
      <Gate>
        <Outlet />
      </Gate>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [...plans.kioskRoutes, ...reports.kioskRoutes],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}

export { routes };
