/**
 * Routes. Every feature screen loads as its own chunk (route `lazy`), so the
 * first screen carries only the shell, the lock screen and the libraries.
 */
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RouteError, NotFound } from './errors';
import { Gate } from './gate';
import { Layout } from './layout';
import { Loading } from '../ui/page';

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
            index: true,
            lazy: () =>
              import('../features/today/today-page').then((m) => ({ Component: m.TodayPage })),
          },
          {
            path: 'programmes',
            lazy: () =>
              import('../features/programmes/components/programme-list').then((m) => ({
                Component: m.ProgrammeList,
              })),
          },
          {
            path: 'programmes/:programmeId',
            lazy: () =>
              import('../features/programmes/components/programme-detail').then((m) => ({
                Component: m.ProgrammeDetail,
              })),
          },
          {
            path: 'programmes/:programmeId/edit',
            lazy: () =>
              import('../features/programmes/components/programme-editor').then((m) => ({
                Component: m.ProgrammeEditor,
              })),
          },
          {
            path: 'programmes/:programmeId/meetings/:planId',
            lazy: () =>
              import('../features/programmes/components/meeting-plan-page').then((m) => ({
                Component: m.MeetingPlanPage,
              })),
          },
          {
            path: 'cohorts',
            lazy: () =>
              import('../features/cohorts/cohort-list').then((m) => ({ Component: m.CohortList })),
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
              import('../features/cohorts/components/calendar-page').then((m) => ({
                Component: m.CalendarPage,
              })),
          },
          {
            path: 'cohorts/:cohortId',
            lazy: () =>
              import('../features/cohorts/components/cohort-detail').then((m) => ({
                Component: m.CohortDetail,
              })),
          },
          {
            path: 'participants',
            lazy: () =>
              import('../features/participants/participant-list').then((m) => ({
                Component: m.ParticipantList,
              })),
          },
          {
            path: 'reports',
            lazy: () =>
              import('../features/reports/reports-page').then((m) => ({
                Component: m.ReportsPage,
              })),
          },
          {
            path: 'settings/staff',
            lazy: () =>
              import('../features/staff/staff-page').then((m) => ({ Component: m.StaffPage })),
          },
          {
            path: 'settings',
            lazy: () =>
              import('../features/settings/settings-page').then((m) => ({
                Component: m.SettingsPage,
              })),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}

export { routes };
