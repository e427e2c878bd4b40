import { useEffect, useState } from 'react';

/**
 * Runs `fn` once the browser has painted the current frame (or after 100 ms,
 * when a hidden tab paints no frames): work that must not delay a paint.
 */
export function afterPaint(fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

/**
 * False until `ready` has been true for one painted frame, then true for good:
 * a page's secondary reads start after its own content is on screen.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let live = true;
    afterPaint(() => {
      if (live) setPainted(true);
    });
    return () => {
      live = false;
    };
  }, [ready, painted]);
  return painted;
}
