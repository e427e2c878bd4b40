import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { stableUuid } from './stable-id';

describe('stableUuid', () => {
  it('gives the same valid UUID for the same key, every time', () => {
    const id = stableUuid('attendance:a:b');
    expect(stableUuid('attendance:a:b')).toBe(id);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('gives different ids for different keys, also for swapped parts', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) ids.add(stableUuid(`k:${i}`));
    expect(ids.size).toBe(2000);
    expect(stableUuid('a:b')).not.toBe(stableUuid('b:a'));
  });
});
