/**
 * The Dexie database: its tables and their row types (rows.ts). How each
 * version came about, and what its upgrade moved, is in migrations.ts.
 */
import Dexie, { type Table } from 'dexie';
import { declareVersions } from './migrations';
import type {
  AuditRow,
  CohortRow,
  ConcernRow,
  CrbaRow,
  EnrolmentRow,
  FeedbackRow,
  FollowUpRow,
  KeyWrapRow,
  MeasureRow,
  MeetingRow,
  MetaRow,
  NoteRow,
  ParticipantLinkedRow,
  RegisterRow,
  SealedRow,
  TombstoneRow,
} from './rows';

export type * from './rows';

export const DATABASE_NAME = 'aplis';

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
  crbaAssessments!: Table<CrbaRow, string>;
  measureResponses!: Table<MeasureRow, string>;
  tombstones!: Table<TombstoneRow, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    declareVersions(this);
  }
}
