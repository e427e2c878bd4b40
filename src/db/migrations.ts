/**
 * Every version of the database, oldest first. Versions are explicit and
 * only ever added: a device may hold data written by any earlier release, and
 * Dexie runs each missing step's upgrade in order when the app opens.
 *
 * Upgrades run before anyone unlocks, so they never decrypt: they move sealed
 * rows as they are. An upgrade must not await anything but Dexie (an await on
 * WebCrypto would end its transaction early).
 */
import type Dexie from 'dexie';
import { packMarks } from './registers';
import type { AttendanceRow, RegisterRow } from './rows';

export function declareVersions(db: Dexie): void {
  db.version(1).stores({
    meta: '&key',
    keyring: '&id, holder.kind',
    organisation: '&id',
    staff: '&id, updatedAt',
    programmes: '&id, updatedAt',
    cohorts: '&id, status, programmeId, updatedAt',
    participants: '&id, updatedAt',
    meetings: '&id, cohortId, date, updatedAt',
    attendance: '&id, meetingId, participantId, updatedAt',
    notes: '&id, meetingId, updatedAt',
  });
  // v2: the organisation's own closure periods (summer break, staff training).
  db.version(2).stores({
    closures: '&id, updatedAt',
  });
  // v3: referral → screening → enrolment, meeting mode (concerns, follow-ups),
  // healthy-relationship plans, anonymous feedback, the audit log, and form
  // drafts that must survive a lock or reload.
  db.version(3).stores({
    referrals: '&id, participantId, updatedAt',
    screeningTemplates: '&id, updatedAt',
    screenings: '&id, participantId, updatedAt',
    enrolments: '&id, participantId, cohortId, status, updatedAt',
    concerns: '&id, meetingId, participantId, updatedAt',
    followUps: '&id, status, participantId, updatedAt',
    plans: '&id, participantId, updatedAt',
    feedback: '&id, meetingId, updatedAt',
    audit: '&id, at, action, updatedAt',
    drafts: '&id, updatedAt',
    // Deletions, so a merge of backups can carry them (see db/tombstones.ts).
    tombstones: '&id, table, deletedAt',
  });
  // v4: attendance marks move into one register per meeting (registers.ts):
  // IndexedDB's cost is per record, and restoring a backup wrote 60,000.
  db.version(4)
    .stores({ registers: '&id, *participantIds, updatedAt' })
    .upgrade(async (tx) => {
      const marks = await tx.table<AttendanceRow, string>('attendance').toArray();
      await tx.table<RegisterRow, string>('registers').bulkAdd(packMarks(marks));
    });
  // v5: the emptied per-mark table goes (a separate version, so the upgrade
  // above still reads it).
  db.version(5).stores({ attendance: null });
  // v6: individual-support pathways (key worker, agreed support, review date)
  // for young people a screening routed to individual support. A new table:
  // nothing older to move.
  db.version(6).stores({ supportPathways: '&id, participantId, updatedAt' });
}
