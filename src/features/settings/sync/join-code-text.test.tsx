import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeGroups } from './join-code-text';

// Read from disk: vitest leaves CSS imports empty.
const styles = readFileSync('src/app/styles.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The declarations of every rule whose selector list is exactly `selector`. */
function rulesFor(selector: string): string[] {
  const found: string[] = [];
  for (const match of styles.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selectors = match[1]!.split(',').map((s) => s.trim());
    if (selectors.includes(selector)) found.push(match[2]!);
  }
  return found;
}

describe('the join code as text', () => {
  it('keeps the code’s own groups and cuts long runs into groups of five, adding nothing', () => {
    expect(codeGroups('APLIS1-7Q2XK-M4PRT')).toEqual([
      { group: 'APLIS1', separator: '-' },
      { group: '7Q2XK', separator: '-' },
      { group: 'M4PRT', separator: '' },
    ]);
    const long = 'eyJzIjoiIiwiZCI6ImFwbGlzIn0';
    const groups = codeGroups(long);
    expect(groups.map((g) => g.group + g.separator).join('')).toBe(long);
    expect(Math.max(...groups.map((g) => g.group.length))).toBe(5);
  });

  it('never breaks a group over two lines at 390 px (the stylesheet keeps each group whole)', () => {
    // Every group is a .recovery-group; the line may break only at the <wbr> after it.
    expect(rulesFor('.recovery-group').join(';')).toMatch(/white-space:\s*nowrap/);
    // Nothing for the join code lets a group wrap again or grow past a phone's width.
    const joinRules = [
      ...rulesFor('.join-code-text'),
      ...rulesFor('.join-code-text .join-code-cut'),
    ].join(';');
    expect(joinRules).not.toMatch(/white-space|word-break|overflow-wrap/);
    expect(joinRules).toMatch(/font-size:\s*1\.1rem/);
    // Seven monospace characters at 1.1rem (and 0.08em tracking) are about 6rem: far below 390 px.
    const widest = Math.max(
      ...codeGroups('A'.repeat(200) + '-ABCDEF').map((g) => g.group.length + g.separator.length),
    );
    expect(widest).toBeLessThanOrEqual(7);
  });
});
