import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  {
    path: 'meetings/:meetingId',
    lazy: () => import('./pages/meeting-page').then((m) => ({ Component: m.MeetingPage })),
  },
  {
    path: 'follow-ups',
    lazy: () =>
      import('./pages/follow-up-list-page').then((m) => ({ Component: m.FollowUpListPage })),
  },
];
