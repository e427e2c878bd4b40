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

/**
 * The `meta` row of the re-seal under the newest team key generation
 * (row-upgrade.ts `resealOlderGenerations`): how far it has come, so a lock,
 * a reload or Quick exit loses nothing of it, and what Staff shows. Plain
 * numbers and a row id (an id is a random UUID, like every primary key).
 */
export const GENERATION_RESEAL_KEY = 'rows-reseal-generation';

export interface GenerationResealState {
  /** The generation rows are being re-sealed under. */
  gen: number;
  /** The table in progress (Dexie's name), '' once every table is done. */
  table: string;
  /** The last row id done in that table ('' at its start). */
  after: string;
  /** Rows looked at so far (each register counts as one), and how many there were at the start. */
  done: number;
  total: number;
  /** Rows of the current table were re-sealed: its end asks sync to read it whole. */
  dirty?: true;
  /**
   * Rows of an older generation arrived during the run (a merge, a pull),
   * perhaps into a table already done: at its end it goes round once more.
   */
  again?: true;
  complete?: true;
}
