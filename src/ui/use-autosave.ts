import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

/**
 * Saves every change as it is made, one write at a time, the newest last. A
 * failed write keeps what was typed on screen and says so; the next change
 * (or "try again") writes it again; `retry` resolves once the queue is empty.
 */
export function useAutosave<T>(save: (value: T) => Promise<unknown>) {
  const [status, setStatus] = useState<SaveStatus>('idle');
  const latest = useRef<T | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const run = useCallback((): Promise<void> => {
    if (running.current) return running.current;
    const loop = async () => {
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
        running.current = null;
      }
    };
    running.current = loop();
    return running.current;
  }, []);

  const schedule = useCallback(
    (value: T) => {
      latest.current = value;
      void run();
    },
    [run],
  );

  return { status, schedule, retry: run };
}
