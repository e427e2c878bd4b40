/**
 * Routes. Every feature screen loads as its own chunk (route `lazy`), so the
 * first screen carries only the shell, the lock screen and the libraries.
 */
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { NotFound } from '../ui/not-found';
import { RouteError } from './errors';
import { Gate } from './gate';
import { Layout } from './layout';
import { Loading } from '../ui/page';

/** Today's screen; main.tsx starts fetching it early on a device that is set up. */
export const loadTodayPage = () => import('../features/today/pages/today-page');
const TodayPage = lazy(() => loadTodayPage().then((m) => ({ default: m.TodayPage })));

const routes: RouteObject[] = [
  {
    element: (
      <Gate>
        <Layout />
      </Gate>
    ),
    errorElement: <RouteError />,
    // Shown while the first screen's lazy code loads.
    hydrateFallbackElement: <Loading />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            // Not a route `lazy`: the router would fetch it (and wait for it)
            // before rendering anything, even when the Gate shows the welcome
            // or unlock screen instead — a round trip before the first paint.
            index: true,
            element: (
              <Suspense fallback={<Loading />}>
                <TodayPage />
              </Suspense>
            ),
          },
          {
            path: 'programmes',
            lazy: () =>
              import('../features/programmes/pages/programme-list-page').then((m) => ({
                Component: m.ProgrammeList,
              })),
          },
          {
            path: 'programmes/:programmeId',
            lazy: () =>
              import('../features/programmes/pages/programme-detail-page').then((m) => ({
                Component: m.ProgrammeDetail,
              })),
          },
          {
            path: 'programmes/:programmeId/edit',
            lazy: () =>
              import('../features/programmes/pages/programme-editor-page').then((m) => ({
                Component: m.ProgrammeEditor,
              })),
          },
          {
            path: 'programmes/:programmeId/meetings/:planId',
            lazy: () =>
              import('../features/programmes/pages/meeting-plan-page').then((m) => ({
                Component: m.MeetingPlanPage,
              })),
          },
          {
            path: 'cohorts',
            lazy: () =>
              import('../features/cohorts/pages/cohort-list-page').then((m) => ({ Component: m.CohortList })),
          },
          {
            path: 'cohorts/new',
            lazy: () =>
              import('../features/cohorts/components/new-cohort-page').then((m) => ({
                Component: m.NewCohortPage,
              })),
          },
          {
            path: 'cohorts/calendar',
            lazy: () =>
              import('../features/cohorts/pages/calendar-page').then((m) => ({
                Component: m.CalendarPage,
              })),
          },
          {
            path: 'cohorts/:cohortId',
            lazy: () =>
              import('../features/cohorts/pages/cohort-detail-page').then((m) => ({
                Component: m.CohortDetail,
              })),
          },
          {
            path: 'meetings/:meetingId',
            lazy: () =>
              import('../features/meeting/pages/meeting-page').then((m) => ({
                Component: m.MeetingPage,
              })),
          },
          {
            path: 'follow-ups',
            lazy: () =>
              import('../features/meeting/pages/follow-up-list-page').then((m) => ({
                Component: m.FollowUpListPage,
              })),
          },
          {
            path: 'participants',
            lazy: () =>
              import('../features/participants/pages/participant-list-page').then((m) => ({
                Component: m.ParticipantList,
              })),
          },
          {
            path: 'participants/new',
            lazy: () =>
              import('../features/screening/components/referral-page').then((m) => ({
                Component: m.ReferralPage,
              })),
          },
          {
            path: 'participants/:participantId',
            lazy: () =>
              import('../features/screening/components/journey-page').then((m) => ({
                Component: m.JourneyPage,
              })),
          },
          {
            path: 'participants/:participantId/screening',
            lazy: () =>
              import('../features/screening/components/screening-page').then((m) => ({
                Component: m.ScreeningPage,
              })),
          },
          {
            path: 'settings/audit',
            lazy: () =>
              import('../features/screening/components/audit-page').then((m) => ({
                Component: m.AuditPage,
              })),
          },
          {
            path: 'settings/screening-template',
            lazy: () =>
              import('../features/screening/components/template-page').then((m) => ({
                Component: m.TemplatePage,
              })),
          },
          {
            path: 'participants/:participantId/plan',
            lazy: () =>
              import('../features/plans/pages/plan-staff-page').then((m) => ({
                Component: m.PlanStaffPage,
              })),
          },
          {
            path: 'reports',
            lazy: () =>
              import('../features/reports/pages/reports-page').then((m) => ({
                Component: m.ReportsPage,
              })),
          },
          {
            path: 'reports/cohorts/:cohortId',
            lazy: () =>
              import('../features/reports/pages/cohort-report-page').then((m) => ({
                Component: m.CohortReportPage,
              })),
          },
          {
            path: 'settings/staff',
            lazy: () =>
              import('../features/staff/pages/staff-page').then((m) => ({ Component: m.StaffPage })),
          },
          {
            path: 'settings',
            lazy: () =>
              import('../features/settings/pages/settings-page').then((m) => ({
                Component: m.SettingsPage,
              })),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
  {
    // Kiosk mode: behind the lock like every screen, but outside the Layout
    // (no menus, no names). See app/kiosk.ts.
    element: (
      <Gate>
        <Outlet />
      </Gate>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        path: 'kiosk/plan/:participantId',
        lazy: () =>
          import('../features/plans/pages/kiosk-page').then((m) => ({
            Component: m.KioskPage,
          })),
      },
      {
        // Anonymous youth feedback after a meeting (features/reports).
        path: 'meetings/:meetingId/feedback',
        lazy: () =>
          import('../features/reports/components/feedback-kiosk-page').then((m) => ({
            Component: m.FeedbackKioskPage,
          })),
      },
      {
        path: 'meetings/:meetingId/feedback/final',
        lazy: () =>
          import('../features/reports/components/feedback-kiosk-page').then((m) => ({
            Component: m.FinalFeedbackKioskPage,
          })),
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}

export { routes };
