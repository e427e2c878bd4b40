/**
 * What the absence rules read (entities/follow-ups/absence.ts), as one
 * digest, found without opening a single row — so Today can skip the rules
 * when nothing they read has changed since they last ran (issue #18: opening
 * every running group's registers of the last 84 days took seconds at 4x CPU).
 *
 * This is a safeguarding signal, so the digest errs towards "changed":
 * - every row the rules read is stamped by its seal: the IV (12 random bytes,
 *   new on every write, on this device or any other: sync, merge and restore
 *   bring the writing device's bytes) and the GCM tag, plus the clear
 *   `updatedAt`, `version` and length. A mark written, edited, merged or
 *   deleted changes its register's stamps; a meeting closed, moved or
 *   cancelled changes its row's; a group started or ended changes the list
 *   of running groups.
 * - all meetings of the running groups (not only the 84-day window), so a
 *   meeting moving into the window is seen; the registers of the meetings
 *   whose (clear, checked on every read) date is in the window.
 * - the day, the threshold, the window, the missing-risk list, and the ids
 *   of every stored follow-up (a follow-up gone — a restored older backup —
 *   is raised again).
 *
 * The digest is an HMAC under a coordinator subkey: the missing-risk list is
 * in it, and every other input is readable from the database, so a plain hash
 * could be tested against guesses. It is kept in the plain `meta` table,
 * where it says nothing about anyone.
 */
import type { Vault } from '../crypto/vault';
import { hmac } from '../crypto/subkeys';
import type { AplisDatabase } from './schema';
import type { SealedRow } from './rows';

/** The `meta` row holding the digest of the inputs the absence rules last ran on. */
export const ABSENCE_INPUTS_KEY = 'absence-rules-inputs';

/** Bump when the rules or what they read change: every device then runs them again. */
const FORMAT = 'absence-inputs:v1';

const IV = 12;
const TAG = 16;
/** Bytes per stamped row: IV, tag, updatedAt (f64), version and length (u32 each). */
const STAMP = IV + TAG + 8 + 4 + 4;

export interface AbsenceInputQuery {
  /** First day of the look-back window and today (YYYY-MM-DD). */
  from: string;
  today: string;
  missingRiskIds: ReadonlySet<string>;
  threshold: number | undefined;
}

export interface AbsenceInputs {
  /** The digest of these inputs with the follow-ups stored now, or with `followUpIds` instead. */
  digest(followUpIds?: readonly string[]): Promise<string>;
  /** The follow-up ids stored when the inputs were read. */
  followUpIds: readonly string[];
}

function stampRows(rows: readonly SealedRow[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(rows.length * STAMP);
  const view = new DataView(out.buffer);
  rows.forEach((row, i) => {
    const at = i * STAMP;
    const sealed = row.sealed as unknown;
    // Not a seal this module knows: no stamp can vouch for it, so never "unchanged".
    if (!(sealed instanceof Uint8Array) || sealed.length < IV + TAG)
      throw new Error('unexpected sealed payload');
    out.set(sealed.subarray(0, IV), at);
    out.set(sealed.subarray(sealed.length - TAG), at + IV);
    view.setFloat64(at + IV + TAG, Number(row.updatedAt) || 0);
    view.setUint32(at + IV + TAG + 8, row.version ?? 0);
    view.setUint32(at + IV + TAG + 12, sealed.length);
  });
  return out;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Reads (one read-only transaction) and stamps what the rules would read.
 * Throws if the vault holds no coordinator key.
 */
export async function readAbsenceInputs(
  db: AplisDatabase,
  vault: Vault,
  query: AbsenceInputQuery,
): Promise<AbsenceInputs> {
  const key = await vault.coordinatorSubkey('absenceInputs');
  const { cohorts, meetings, registers, followUpIds } = await db.transaction(
    'r',
    [db.cohorts, db.meetings, db.registers, db.followUps],
    async () => {
      const cohorts = (await db.cohorts.where('status').equals('running').toArray()).sort(byId);
      const running = new Set(cohorts.map((c) => c.id));
      // One getAll and a filter: an `anyOf` over 400 groups walks a cursor row by row
      // (seconds at 4x CPU in a profile of Today).
      const meetings = (await db.meetings.toArray())
        .filter((m) => running.has(m.cohortId))
        .sort(byId);
      const inWindow = meetings
        .filter((m) => m.date >= query.from && m.date <= query.today)
        .map((m) => m.id);
      // Most registers are in the window: one getAll beats a get per meeting.
      const registers =
        inWindow.length * 2 >= (await db.registers.count())
          ? await (async () => {
              const all = new Map((await db.registers.toArray()).map((r) => [r.id, r]));
              return inWindow.map((id) => all.get(id));
            })()
          : await db.registers.bulkGet(inWindow);
      const followUpIds = (await db.followUps.toCollection().primaryKeys()).sort();
      return {
        cohorts,
        meetings,
        registers: inWindow.map((id, i) => [id, registers[i]] as const),
        followUpIds,
      };
    },
  );
  const header = JSON.stringify([
    FORMAT,
    query.from,
    query.today,
    query.threshold ?? null,
    [...query.missingRiskIds].sort(),
    cohorts.map((c) => c.id),
    meetings.map((m) => [m.id, m.cohortId, m.date]),
    registers.map(([id, r]) => [id, r?.marks.length ?? -1]),
  ]);
  const parts: Uint8Array<ArrayBuffer>[] = [
    new TextEncoder().encode(header),
    stampRows(cohorts),
    stampRows(meetings),
    ...registers.map(([, r]) => stampRows(r?.marks ?? [])),
  ];
  const size = parts.reduce((n, p) => n + p.length, 0);
  const body = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    body.set(part, at);
    at += part.length;
  }
  return {
    followUpIds,
    async digest(ids = followUpIds) {
      const tail = new TextEncoder().encode(JSON.stringify([...ids].sort()));
      const all = new Uint8Array(body.length + tail.length);
      all.set(body);
      all.set(tail, body.length);
      const mac = await hmac(key, all);
      return btoa(String.fromCharCode(...mac));
    },
  };
}
