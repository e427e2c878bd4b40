import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  {
    path: 'programmes',
    lazy: () => import('./pages/programme-list-page').then((m) => ({ Component: m.ProgrammeList })),
  },
  {
    path: 'programmes/:programmeId',
    lazy: () =>
      import('./pages/programme-detail-page').then((m) => ({ Component: m.ProgrammeDetail })),
  },
  {
    path: 'programmes/:programmeId/edit',
    lazy: () =>
      import('./pages/programme-editor-page').then((m) => ({ Component: m.ProgrammeEditor })),
  },
  {
    path: 'programmes/:programmeId/meetings/:planId',
    lazy: () => import('./pages/meeting-plan-page').then((m) => ({ Component: m.MeetingPlanPage })),
  },
];
