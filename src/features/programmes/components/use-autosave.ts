import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

/**
 * Saves every change as it is made, one write at a time, always the newest
 * version last. A failed write keeps the draft on screen and says so, so
 * nothing typed is lost; the next edit (or "try again") writes it again.
 */
export function useAutosave<T>(save: (value: T) => Promise<unknown>) {
  const [status, setStatus] = useState<SaveStatus>('idle');
  const latest = useRef<T | null>(null);
  const running = useRef(false);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const run = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      while (latest.current !== null) {
        const value = latest.current;
        latest.current = null;
        setStatus('saving');
        try {
          await saveRef.current(value);
          setStatus(latest.current === null ? 'saved' : 'saving');
        } catch {
          if (latest.current === null) latest.current = value;
          setStatus('error');
          return;
        }
      }
    } finally {
      running.current = false;
    }
  }, []);

  const schedule = useCallback(
    (value: T) => {
      latest.current = value;
      void run();
    },
    [run],
  );

  return { status, schedule, retry: () => void run() };
}
