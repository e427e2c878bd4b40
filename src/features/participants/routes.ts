import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  {
    path: 'participants',
    lazy: () =>
      import('./pages/participant-list-page').then((m) => ({ Component: m.ParticipantList })),
  },
];
