import type { ReactNode } from 'react';

/**
 * A table that may scroll sideways (the attendance matrix has a column per
 * meeting): the scroll box is a named region that takes keyboard focus, so
 * keyboard users can scroll it too.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
