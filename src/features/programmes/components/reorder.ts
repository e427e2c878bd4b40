/** Moves the item at `index` by `delta` places; out-of-range moves change nothing. */
export function move<T>(items: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length || index < 0 || index >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item!);
  return next;
}

export function renumber<T extends { number: number }>(meetings: readonly T[]): T[] {
  return meetings.map((m, i) => (m.number === i + 1 ? m : { ...m, number: i + 1 }));
}
