import { describe, expect, it } from 'vitest';
import { move, renumber } from './reorder';

describe('moving an item in a list', () => {
  it('moves an item down one place', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });

  it('moves an item up one place', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
  });

  it('moves an item several places', () => {
    expect(move(['a', 'b', 'c', 'd'], 0, 3)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('changes nothing when the first item is moved up or the last down', () => {
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('changes nothing for an index outside the list', () => {
    expect(move(['a', 'b'], 5, -1)).toEqual(['a', 'b']);
    expect(move(['a', 'b'], -1, 1)).toEqual(['a', 'b']);
    expect(move([], 0, 1)).toEqual([]);
  });

  it('returns a new list and leaves the original alone', () => {
    const items = ['a', 'b', 'c'];
    const moved = move(items, 0, 1);
    expect(items).toEqual(['a', 'b', 'c']);
    expect(move(items, 0, -1)).not.toBe(items);
    expect(moved).not.toBe(items);
  });

  it('moves an empty entry (a new, unwritten aim) like any other', () => {
    expect(move(['', 'b'], 0, 1)).toEqual(['b', '']);
  });
});

describe('renumbering meetings', () => {
  it('numbers meetings 1, 2, 3 … in list order', () => {
    const meetings = [
      { id: 'x', number: 3 },
      { id: 'y', number: 1 },
      { id: 'z', number: 2 },
    ];
    expect(renumber(meetings)).toEqual([
      { id: 'x', number: 1 },
      { id: 'y', number: 2 },
      { id: 'z', number: 3 },
    ]);
  });

  it('closes the gap left by a removed meeting', () => {
    expect(renumber([{ number: 1 }, { number: 3 }]).map((m) => m.number)).toEqual([1, 2]);
  });

  it('keeps the very same object for a meeting whose number is already right', () => {
    const first = { id: 'a', number: 1 };
    const second = { id: 'b', number: 5 };
    const result = renumber([first, second]);
    expect(result[0]).toBe(first);
    expect(result[1]).not.toBe(second);
    expect(second.number).toBe(5);
  });

  it('returns an empty list for no meetings', () => {
    expect(renumber([])).toEqual([]);
  });
});
