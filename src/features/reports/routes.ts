import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  {
    path: 'reports',
    lazy: () => import('./pages/reports-page').then((m) => ({ Component: m.ReportsPage })),
  },
  {
    path: 'reports/cohorts/:cohortId',
    lazy: () =>
      import('./pages/cohort-report-page').then((m) => ({ Component: m.CohortReportPage })),
  },
];

/** Anonymous youth feedback after a meeting, outside the staff layout (paths: session/feedback-paths.ts). */
export const kioskRoutes: RouteObject[] = [
  {
    path: 'meetings/:meetingId/feedback',
    lazy: () =>
      import('./pages/feedback-kiosk-page').then((m) => ({
        Component: m.FeedbackKioskPage,
      })),
  },
  {
    path: 'meetings/:meetingId/feedback/final',
    lazy: () =>
      import('./pages/feedback-kiosk-page').then((m) => ({
        Component: m.FinalFeedbackKioskPage,
      })),
  },
];
