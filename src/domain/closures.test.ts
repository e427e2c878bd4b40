import { describe, expect, it } from 'vitest';
import { closureOn, closureSchema, isClosed, type Closure } from './closures';

function closure(from: string, to = from, label = 'Vasaras pārtraukums'): Closure {
  return { id: `c-${from}`, from, to, label, kind: 'organisation' };
}

describe('closures', () => {
  const summer = closure('2026-07-01', '2026-08-16');
  const proclamation: Closure = {
    id: 'lv-2026-11-18',
    from: '2026-11-18',
    to: '2026-11-18',
    label: 'Latvijas Republikas proklamēšanas diena',
    kind: 'public-holiday',
  };

  it('closes a one-day holiday on that day only', () => {
    expect(isClosed('2026-11-18', [proclamation])).toBe(true);
    expect(isClosed('2026-11-17', [proclamation])).toBe(false);
    expect(isClosed('2026-11-19', [proclamation])).toBe(false);
  });

  it('closes both the first and the last day of a break', () => {
    expect(isClosed('2026-07-01', [summer])).toBe(true);
    expect(isClosed('2026-08-16', [summer])).toBe(true);
    expect(isClosed('2026-06-30', [summer])).toBe(false);
    expect(isClosed('2026-08-17', [summer])).toBe(false);
  });

  it('says which closure covers a day, so a warning can name it', () => {
    expect(closureOn('2026-07-20', [proclamation, summer])).toBe(summer);
    expect(closureOn('2026-09-01', [proclamation, summer])).toBeUndefined();
  });

  it('keeps nothing closed when there are no closures', () => {
    expect(isClosed('2026-12-25', [])).toBe(false);
  });

  it('accepts a break across the year end', () => {
    expect(isClosed('2027-01-01', [closure('2026-12-21', '2027-01-03')])).toBe(true);
  });

  it('refuses a closure that ends before it starts, on the "to" field', () => {
    const parsed = closureSchema.safeParse(closure('2026-08-16', '2026-07-01'));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['to']);
  });

  it('accepts a stored organisation closure and trims its label', () => {
    const parsed = closureSchema.safeParse(closure('2026-07-01', '2026-08-16', '  Vasara  '));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.label).toBe('Vasara');
  });

  it('refuses an impossible date', () => {
    expect(closureSchema.safeParse(closure('2026-02-30')).success).toBe(false);
  });
});
