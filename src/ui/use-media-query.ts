import { useSyncExternalStore } from 'react';

/** The phone breakpoint the stylesheet uses (`@media (max-width: 600px)`). */
export const PHONE_QUERY = '(max-width: 600px)';

/** Whether a media query matches now, following changes (false where there is no matchMedia). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== 'function') return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
    () => false,
  );
}
