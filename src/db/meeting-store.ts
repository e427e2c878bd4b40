/**
 * Writes of meeting mode that span tables: a concern with its follow-up and
 * audit entry, closing a meeting with its notes and the follow-ups the
 * absence rules raised, a coordinator's audited change to locked notes.
 * Every row is sealed before the transaction opens (never await WebCrypto
 * inside one: IndexedDB would commit it early).
 */
import type { AuditEntry } from '../domain/audit';
import type { Concern } from '../domain/concern';
import { ruleKeyOf, type FollowUp } from '../domain/follow-up';
import type { Meeting, MeetingNote } from '../domain/meeting';
import type { Vault } from '../crypto/vault';
import { readAbsenceInputs, type AbsenceInputQuery } from './absence-inputs';
import type { Repositories } from './repositories';
import type { AplisDatabase, FollowUpRow } from './schema';

/** `vault` for `absenceInputs` (a coordinator subkey keys its digest). */
export function meetingStore(db: AplisDatabase, repos: Repositories, vault?: Vault) {
  /**
   * Seals the follow-ups whose rule has not been followed up yet: a rule that
   * fires again never adds a second one nor resets one in progress. Their ids
   * are random, so this reads (opens) the stored ones: coordinators only.
   */
  async function newFollowUpRows(followUps: readonly FollowUp[]): Promise<FollowUpRow[]> {
    if (followUps.length === 0) return [];
    const { items } = await repos.followUps.list();
    const known = new Set(items.map(ruleKeyOf).filter((k) => k !== undefined));
    const fresh: FollowUp[] = [];
    for (const f of followUps) {
      const key = ruleKeyOf(f);
      if (key !== undefined && known.has(key)) continue;
      if (key !== undefined) known.add(key);
      fresh.push(f);
    }
    return Promise.all(fresh.map((f) => repos.followUps.toRow(f)));
  }

  async function addFollowUpIds(followUps: readonly FollowUp[]): Promise<string[]> {
    const rows = await newFollowUpRows(followUps);
    await db.followUps.bulkAdd(rows);
    return rows.map((r) => r.id);
  }

  return {
    /** The concern, its follow-up and audit entry together; the form's draft goes with them. */
    async raiseConcern(
      concern: Concern,
      followUp: FollowUp,
      audit: AuditEntry,
      draftId?: string,
    ): Promise<void> {
      const [concernRow, followUpRow] = await Promise.all([
        repos.concerns.toRow(concern),
        repos.followUps.toRow(followUp),
      ]);
      const draftTombstones = draftId ? await repos.tombstones('drafts', [draftId]) : [];
      const tables = [db.concerns, db.followUps, db.drafts, db.tombstones];
      // The audit line joins this device's chain in the same transaction (audit-log.ts).
      await repos.audit.append([audit], tables, async () => {
        await db.concerns.put(concernRow);
        await db.followUps.put(followUpRow);
        if (draftId && (await db.drafts.get(draftId))) {
          await db.drafts.delete(draftId);
          await db.tombstones.bulkPut(draftTombstones);
        }
      });
    },

    /** How many concerns a meeting has, without opening them (a facilitator may not be able to). */
    countConcerns(meetingId: string): Promise<number> {
      return db.concerns.where('meetingId').equals(meetingId).count();
    },

    /** Marks the meeting held and saves its notes (with the hand-over) in one go. */
    async closeMeeting(meeting: Meeting, note: MeetingNote, followUps: readonly FollowUp[]) {
      const [meetingRow, noteRow, followUpRows] = await Promise.all([
        repos.meetings.toRow(meeting),
        repos.notes.toRow(note),
        newFollowUpRows(followUps),
      ]);
      return db.transaction('rw', [db.meetings, db.notes, db.followUps], async () => {
        await db.meetings.put(meetingRow);
        await db.notes.put(noteRow);
        await db.followUps.bulkAdd(followUpRows);
        return followUpRows.length;
      });
    },

    /** Follow-ups from the absence rules; returns how many were new. */
    async addFollowUps(followUps: readonly FollowUp[]): Promise<number> {
      return (await addFollowUpIds(followUps)).length;
    },

    /** The same; returns the new follow-ups' ids. */
    addFollowUpIds,

    /** What the absence rules read, stamped without opening a row (absence-inputs.ts); coordinators only. */
    async absenceInputs(query: AbsenceInputQuery) {
      if (!vault) throw new Error('meetingStore was made without the vault');
      return readAbsenceInputs(db, vault, query);
    },

    async updateFollowUp(followUp: FollowUp, audit: readonly AuditEntry[] = []): Promise<void> {
      const row = await repos.followUps.toRow(followUp);
      await repos.audit.append(audit, [db.followUps], async () => {
        await db.followUps.put(row);
      });
    },

    /** A coordinator's change to notes past their 7 days: the note and its audit entry together. */
    async saveNoteAudited(note: MeetingNote, audit: AuditEntry): Promise<void> {
      const noteRow = await repos.notes.toRow(note);
      await repos.audit.append([audit], [db.notes], async () => {
        await db.notes.put(noteRow);
      });
    },
  };
}

export type MeetingStore = ReturnType<typeof meetingStore>;
