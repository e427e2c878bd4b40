import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { isStorageFull } from './storage-errors';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isStorageFull', () => {
  it('recognises a full disk however Dexie wraps it', () => {
    expect(isStorageFull(quota())).toBe(true);
    expect(isStorageFull(new Dexie.AbortError('aborted', quota()))).toBe(true);
    expect(isStorageFull(new Dexie.BulkError('1 of 3 failed', { 1: quota() }))).toBe(true);
  });

  it('does not call other failures a full disk', () => {
    expect(isStorageFull(new Dexie.ConstraintError('key exists'))).toBe(false);
    expect(isStorageFull(new Error('QuotaExceededError'))).toBe(false);
    expect(isStorageFull(undefined)).toBe(false);
  });
});
