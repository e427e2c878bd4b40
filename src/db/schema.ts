/**
 * The Dexie schema. Only ids, foreign keys, dates and non-identifying status
 * fields are indexed or stored in the clear; every name and everything a
 * person wrote is inside the row's `sealed` payload (see sealed-table.ts).
 *
 * Versions are explicit and only ever added: a device may hold data written by
 * any earlier release.
 */
import Dexie, { type Table } from 'dexie';
import type { KeyWrap } from '../crypto/keyring';
import { packMarks } from './registers';

export const DATABASE_NAME = 'aplis';

/** Every sealed row has this shape on disk, plus its own plain index fields. */
export interface SealedRow {
  id: string;
  sealed: Uint8Array<ArrayBuffer>;
  /** Epoch ms of the last write; used by sync/merge later. */
  updatedAt: number;
}

export interface CohortRow extends SealedRow {
  status: string;
  programmeId: string;
}
export interface MeetingRow extends SealedRow {
  cohortId: string;
  date: string;
}
export interface AttendanceRow extends SealedRow {
  meetingId: string;
  participantId: string;
}
/**
 * One meeting's attendance: its marks, each a sealed row of its own (see
 * registers.ts). `participantIds` indexes whose marks it holds.
 */
export interface RegisterRow {
  /** The meeting's id. */
  id: string;
  participantIds: string[];
  /** The newest mark's `updatedAt`. */
  updatedAt: number;
  marks: AttendanceRow[];
}
export interface NoteRow extends SealedRow {
  meetingId: string;
}
export interface ParticipantLinkedRow extends SealedRow {
  participantId: string;
}
export interface EnrolmentRow extends SealedRow {
  participantId: string;
  cohortId: string;
  status: string;
}
export interface ConcernRow extends SealedRow {
  meetingId: string;
  /** Empty string when the concern is about nobody in particular. */
  participantId: string;
}
export interface FollowUpRow extends SealedRow {
  status: string;
  /** Empty string when the follow-up is about nobody in particular. */
  participantId: string;
}
export interface FeedbackRow extends SealedRow {
  meetingId: string;
}
export interface AuditRow extends SealedRow {
  /** Epoch ms, for ordering and filtering by date. */
  at: number;
  action: string;
}

/** Plain, non-personal device state: throttle counter, demo flag, preferences. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The coordinators' sealed-box key pair: the public key in the clear (anyone
 * may seal a concern to it), the private key sealed under the coordinator
 * data key. Kept in the keyring table so a backup carries it with the wraps.
 */
export interface CoordinatorBoxRow {
  id: 'coordinator-box';
  holder: { kind: 'box' };
  publicKey: Uint8Array<ArrayBuffer>;
  sealedPrivateKey: Uint8Array<ArrayBuffer>;
  createdAt: string;
}

/**
 * A row that was deleted: `<table>/<rowId>` and when. Ids and a date only, so
 * a merge of backups can delete the row on the other device too.
 */
export interface TombstoneRow {
  id: string;
  table: string;
  rowId: string;
  /** Epoch ms of the deletion, compared with rows' `updatedAt`. */
  deletedAt: number;
}

export type KeyWrapRow = KeyWrap | CoordinatorBoxRow;

export class AplisDatabase extends Dexie {
  meta!: Table<MetaRow, string>;
  keyring!: Table<KeyWrapRow, string>;
  organisation!: Table<SealedRow, string>;
  staff!: Table<SealedRow, string>;
  programmes!: Table<SealedRow, string>;
  cohorts!: Table<CohortRow, string>;
  participants!: Table<SealedRow, string>;
  meetings!: Table<MeetingRow, string>;
  registers!: Table<RegisterRow, string>;
  notes!: Table<NoteRow, string>;
  closures!: Table<SealedRow, string>;
  referrals!: Table<ParticipantLinkedRow, string>;
  screeningTemplates!: Table<SealedRow, string>;
  screenings!: Table<ParticipantLinkedRow, string>;
  enrolments!: Table<EnrolmentRow, string>;
  concerns!: Table<ConcernRow, string>;
  followUps!: Table<FollowUpRow, string>;
  plans!: Table<ParticipantLinkedRow, string>;
  feedback!: Table<FeedbackRow, string>;
  supportPathways!: Table<ParticipantLinkedRow, string>;
  audit!: Table<AuditRow, string>;
  drafts!: Table<SealedRow, string>;
  tombstones!: Table<TombstoneRow, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
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
    this.version(2).stores({
      closures: '&id, updatedAt',
    });
    // v3: referral → screening → enrolment, meeting mode (concerns, follow-ups),
    // healthy-relationship plans, anonymous feedback, the audit log, and form
    // drafts that must survive a lock or reload.
    this.version(3).stores({
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
    this.version(4)
      .stores({ registers: '&id, *participantIds, updatedAt' })
      .upgrade(async (tx) => {
        const marks = await tx.table<AttendanceRow, string>('attendance').toArray();
        await tx.table<RegisterRow, string>('registers').bulkAdd(packMarks(marks));
      });
    // v5: the emptied per-mark table goes (a separate version, so the upgrade
    // above still reads it).
    this.version(5).stores({ attendance: null });
    // v6: individual-support pathways (key worker, agreed support, review date)
    // for young people a screening routed to individual support. A new table:
    // nothing older to move.
    this.version(6).stores({ supportPathways: '&id, participantId, updatedAt' });
  }
}

export type SealedTableName =
  | 'organisation'
  | 'staff'
  | 'programmes'
  | 'cohorts'
  | 'participants'
  | 'meetings'
  | 'attendance'
  | 'notes'
  | 'closures'
  | 'referrals'
  | 'screeningTemplates'
  | 'screenings'
  | 'enrolments'
  | 'concerns'
  | 'followUps'
  | 'plans'
  | 'feedback'
  | 'supportPathways'
  | 'audit'
  | 'drafts';
