import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  {
    path: 'cohorts',
    lazy: () => import('./pages/cohort-list-page').then((m) => ({ Component: m.CohortList })),
  },
  {
    path: 'cohorts/new',
    lazy: () =>
      import('./pages/new-cohort-page').then((m) => ({ Component: m.NewCohortPage })),
  },
  {
    path: 'cohorts/calendar',
    lazy: () => import('./pages/calendar-page').then((m) => ({ Component: m.CalendarPage })),
  },
  {
    path: 'cohorts/:cohortId',
    lazy: () => import('./pages/cohort-detail-page').then((m) => ({ Component: m.CohortDetail })),
  },
];
