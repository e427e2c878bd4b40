/**
 * The `meta` row that says rows sealed before v8 are still waiting to be
 * re-sealed with their version and author (row-upgrade.ts), and which key
 * classes have done it. Absent: nothing waits. Kept apart from row-upgrade.ts
 * so the schema's upgrade (migrations.ts) does not import the repositories.
 */
import type { MetaRow } from './rows';

export const RESEAL_KEY = 'rows-reseal';

export type KeyClass = 'team' | 'coordinator';

/** Which key classes have re-sealed what they can open. */
export type ResealState = Partial<Record<KeyClass, true>>;

export function resealPending(): MetaRow {
  return { key: RESEAL_KEY, value: {} satisfies ResealState };
}
