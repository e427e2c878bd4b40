import { createElement, lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { Loading } from '../../ui/page';

/** Today's screen; main.tsx starts fetching it early on a device that is set up. */
export const loadTodayPage = () => import('./pages/today-page');
const TodayPage = lazy(() => loadTodayPage().then((m) => ({ default: m.TodayPage })));

export const routes: RouteObject[] = [
  {
    // Not a route `lazy`: the router would fetch it (and wait for it)
    // before rendering anything, even when the Gate shows the welcome
    // or unlock screen instead — a round trip before the first paint.
    index: true,
    element: createElement(
      Suspense,
      { fallback: createElement(Loading) },
      createElement(TodayPage),
    ),
  },
];
