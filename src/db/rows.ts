/**
 * The shape of every row on disk, table by table. Only ids, foreign keys,
 * dates and non-identifying status fields are plain; every name and
 * everything a person wrote is inside the row's `sealed` payload (see
 * sealed-table.ts). A `participantId` column holds the person's blind value,
 * never their id (blind-index.ts; rows from before v10 until blinded). Types only: schema.ts, migrations.ts and registers.ts all
 * read these without importing one another.
 */
import type { KeyWrap } from '../crypto/keyring';

/** Every sealed row has this shape on disk, plus its own plain index fields. */
export interface SealedRow {
  id: string;
  sealed: Uint8Array<ArrayBuffer>;
  /**
   * Epoch ms of the last write. A clear copy for indexing and merging; the
   * authenticated one is sealed inside the payload (row-meta.ts).
   */
  updatedAt: number;
  /**
   * How many times the row was written: 1 for a new row, one more on every
   * write (clear copy; the authenticated one is in the additional data and
   * the payload). Absent on rows sealed before v8, which an unlocked session
   * re-seals (row-upgrade.ts).
   */
  version?: number;
  /**
   * The table the payload was sealed under, when an upgrade moved the row
   * here from another table without re-sealing it (migrations.ts: upgrades
   * run before anyone unlocks). Absent for every row sealed in its own table;
   * the next write of the row re-seals it here.
   */
  sealedAs?: SealedTableName;
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
 * registers.ts). `participantIds` indexes whose marks it holds (blind values).
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
/** A group's CRBA assessment: one per cohort (team data). */
export interface CrbaRow extends SealedRow {
  cohortId: string;
}
/** One person's before or after measure answers (coordinators' data). */
export interface MeasureRow extends SealedRow {
  cohortId: string;
  participantId: string;
}
/**
 * An audit line. Its action and time are sealed inside the payload only (a
 * clear action said, from the file alone, that someone's outcome was
 * overridden and when). The clear fields are its place in its device's chain
 * (domain/audit-chain.ts), all absent on lines written before v9.
 */
export interface AuditRow extends SealedRow {
  /** The device chain: a random id per device (db/audit-log.ts). */
  chain?: string;
  /** 1, 2, 3… within the chain. */
  seq?: number;
  /** The link of the line before it ('' for the first). */
  prev?: string;
  /** SHA-256 of the content with its secret nonce, base64: reveals nothing. */
  digest?: string;
  /** MAC over chain, seq, prev, digest and `by`, base64. */
  link?: string;
  /** Whose key made `link`. */
  by?: 'coordinator' | 'team';
  /**
   * Set when an erasure emptied the line (`sealed` is then empty): a
   * coordinator's MAC over its link, so only a coordinator can redact.
   */
  redacted?: string;
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
  /**
   * HMAC of `publicKey` under the team subkey `boxKeyMac` (db/box-key.ts).
   * Absent on devices set up before it; added at the next coordinator unlock.
   */
  publicKeyMac?: Uint8Array<ArrayBuffer>;
  sealedPrivateKey: Uint8Array<ArrayBuffer>;
  createdAt: string;
}

/**
 * A row that was deleted: a keyed token of `<table>/<rowId>` (tombstones.ts),
 * the table and when. No row id in the clear, so a merge of backups can
 * delete the row on the other device too without saying whose row it was.
 */
export interface TombstoneRow {
  id: string;
  table: string;
  /** Only on tombstones written before they were keyed (re-keyed after unlock). */
  rowId?: string;
  /** Epoch ms of the deletion, compared with rows' `updatedAt`. */
  deletedAt: number;
  /**
   * The erasure marker: set on an erased participant's own tombstone. It
   * beats any edit of them or of a row about them, whatever its stamp.
   */
  erased?: true;
}

/** One person in the coordinators' roster (db/keyring-roster.ts): ids and roles, no names. */
export interface RosterEntry {
  staffId: string;
  role: 'coordinator' | 'facilitator';
  active: boolean;
}

/**
 * Who is a coordinator, MAC'd under a subkey of the coordinator key so only a
 * coordinator's session can write it (db/keyring-roster.ts). In the keyring
 * table, so a backup carries it with the wraps it governs.
 */
export interface RosterRow {
  id: 'coordinator-roster';
  holder: { kind: 'roster' };
  /** Up by one on every change; inside the MAC. */
  version: number;
  entries: RosterEntry[];
  mac: Uint8Array<ArrayBuffer>;
  createdAt: string;
}

/**
 * A staff member's inbox for rotated team keys (docs/key-hierarchy.md,
 * "Rotating the team key"): an ECDH P-256 key pair, the public half in the
 * clear, the private half sealed under their personal key — so a coordinator
 * can send them a new team key without knowing their passphrase.
 */
export interface InboxRow {
  /** `inbox:<random>` */
  id: string;
  holder: { kind: 'inbox'; staffId: string };
  publicKey: Uint8Array<ArrayBuffer>;
  sealedPrivateKey: Uint8Array<ArrayBuffer>;
  /**
   * HMAC under the coordinator subkey `inboxMac` over the id, the staff id and
   * the public key: a coordinator's session vouched for it (the first, and
   * only, inbox it saw for that person). Rotations send keys only to such inboxes.
   */
  mac?: Uint8Array<ArrayBuffer>;
  createdAt: string;
}

/**
 * A rotated team key (generation 2 and on) sent to one staff member's inbox
 * (a sealed box to its public key), or to the coordinators (sealed under the
 * coordinator key, which the recovery code also opens).
 */
export interface GrantRow {
  /** `grant:<random>` */
  id: string;
  holder: { kind: 'grant'; gen: number; inboxId?: string };
  sealed: Uint8Array<ArrayBuffer>;
  createdAt: string;
}

export type KeyWrapRow = KeyWrap | CoordinatorBoxRow | RosterRow | InboxRow | GrantRow;

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
  | 'drafts'
  | 'crbaAssessments'
  | 'measureResponses';
