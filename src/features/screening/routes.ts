import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  {
    path: 'participants/new',
    lazy: () => import('./components/referral-page').then((m) => ({ Component: m.ReferralPage })),
  },
  {
    path: 'participants/:participantId',
    lazy: () => import('./components/journey-page').then((m) => ({ Component: m.JourneyPage })),
  },
  {
    path: 'participants/:participantId/screening',
    lazy: () => import('./components/screening-page').then((m) => ({ Component: m.ScreeningPage })),
  },
  {
    path: 'settings/audit',
    lazy: () => import('./components/audit-page').then((m) => ({ Component: m.AuditPage })),
  },
  {
    path: 'settings/screening-template',
    lazy: () => import('./components/template-page').then((m) => ({ Component: m.TemplatePage })),
  },
];
