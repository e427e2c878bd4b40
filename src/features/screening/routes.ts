import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  {
    path: 'participants/new',
    lazy: () => import('./pages/referral-page').then((m) => ({ Component: m.ReferralPage })),
  },
  {
    path: 'participants/:participantId',
    lazy: () => import('./pages/journey-page').then((m) => ({ Component: m.JourneyPage })),
  },
  {
    path: 'participants/:participantId/screening',
    lazy: () => import('./pages/screening-page').then((m) => ({ Component: m.ScreeningPage })),
  },
  {
    path: 'settings/audit',
    lazy: () => import('./pages/audit-page').then((m) => ({ Component: m.AuditPage })),
  },
  {
    path: 'settings/screening-template',
    lazy: () => import('./pages/template-page').then((m) => ({ Component: m.TemplatePage })),
  },
];
