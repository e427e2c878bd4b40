import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAutosave } from './use-autosave';

/** A save function whose writes finish only when the test says so. */
function controlledSave<T>() {
  const writes: { value: T; finish: () => void; fail: (error: Error) => void }[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const save = (value: T) =>
    new Promise<void>((resolve, reject) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      const done = () => {
        running -= 1;
      };
      writes.push({
        value,
        finish: () => {
          done();
          resolve();
        },
        fail: (error) => {
          done();
          reject(error);
        },
      });
    });
  return {
    save,
    writes,
    values: () => writes.map((w) => w.value),
    mostAtOnce: () => mostAtOnce,
    /** Finishes the newest write and lets the hook react. */
    finishLatest: async () => {
      await act(async () => {
        writes.at(-1)!.finish();
        await Promise.resolve();
      });
    },
    failLatest: async () => {
      await act(async () => {
        writes.at(-1)!.fail(new Error('disk full'));
        await Promise.resolve();
      });
    },
  };
}

describe('saving as you type', () => {
  it('starts idle and says "saving" while a write is under way, then "saved"', async () => {
    const store = controlledSave<string>();
    const { result } = renderHook(() => useAutosave(store.save));
    expect(result.current.status).toBe('idle');

    act(() => result.current.schedule('a'));
    expect(result.current.status).toBe('saving');

    await store.finishLatest();
    expect(result.current.status).toBe('saved');
    expect(store.values()).toEqual(['a']);
  });

  it('writes one version at a time and the newest last, skipping versions overtaken while waiting', async () => {
    const store = controlledSave<string>();
    const { result } = renderHook(() => useAutosave(store.save));

    act(() => result.current.schedule('T'));
    act(() => result.current.schedule('Tr'));
    act(() => result.current.schedule('Tru'));
    act(() => result.current.schedule('Trust'));
    expect(store.values(), 'writes started while the first is still running').toEqual(['T']);

    await store.finishLatest();
    expect(store.values()).toEqual(['T', 'Trust']);
    expect(result.current.status, 'status while the newest version is being written').toBe(
      'saving',
    );

    await store.finishLatest();
    expect(store.values()).toEqual(['T', 'Trust']);
    expect(store.mostAtOnce()).toBe(1);
    expect(result.current.status).toBe('saved');
  });

  it('says "saving", not "saved", when a newer version arrives during a write', async () => {
    const store = controlledSave<number>();
    const { result } = renderHook(() => useAutosave(store.save));

    act(() => result.current.schedule(1));
    act(() => result.current.schedule(2));
    await store.finishLatest();

    expect(result.current.status).toBe('saving');
  });

  it('shows an error when a write fails and writes the same version again on retry', async () => {
    const store = controlledSave<string>();
    const { result } = renderHook(() => useAutosave(store.save));

    act(() => result.current.schedule('my notes'));
    await store.failLatest();
    expect(result.current.status).toBe('error');

    act(() => void result.current.retry());
    expect(store.values()).toEqual(['my notes', 'my notes']);
    await store.finishLatest();
    expect(result.current.status).toBe('saved');
  });

  it('writes the newest version, not the failed one, when the user types on after an error', async () => {
    const store = controlledSave<string>();
    const { result } = renderHook(() => useAutosave(store.save));

    act(() => result.current.schedule('draft 1'));
    await store.failLatest();
    act(() => result.current.schedule('draft 2'));
    await store.finishLatest();

    expect(store.values()).toEqual(['draft 1', 'draft 2']);
    expect(result.current.status).toBe('saved');
  });

  it('keeps a version typed during a failing write and writes it on retry', async () => {
    const store = controlledSave<string>();
    const { result } = renderHook(() => useAutosave(store.save));

    act(() => result.current.schedule('older'));
    act(() => result.current.schedule('newer'));
    await store.failLatest();
    expect(result.current.status).toBe('error');

    act(() => void result.current.retry());
    await store.finishLatest();
    expect(store.values()).toEqual(['older', 'newer']);
    expect(result.current.status).toBe('saved');
  });

  it('uses the newest save function it was given', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const { result, rerender } = renderHook(
      ({ target }) => useAutosave((v: string) => Promise.resolve(void target.push(v))),
      {
        initialProps: { target: first },
      },
    );
    rerender({ target: second });

    act(() => result.current.schedule('x'));
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(first).toEqual([]);
    expect(second).toEqual(['x']);
  });

  it('does nothing on retry when there is nothing left to write', async () => {
    const store = controlledSave<string>();
    const { result } = renderHook(() => useAutosave(store.save));

    act(() => result.current.schedule('a'));
    await store.finishLatest();
    act(() => void result.current.retry());

    expect(store.values()).toEqual(['a']);
    expect(result.current.status).toBe('saved');
  });
});
