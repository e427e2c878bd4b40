/**
 * The repositories, one per sealed table. Components never call these
 * directly: they go through the react-query hooks in each feature.
 */
import { concernDraftId, screeningDraftId } from '../crypto/record-ids';
import type { Vault } from '../crypto/vault';
import type { Cohort } from '../domain/cohort';
import type { Enrolment } from '../domain/enrolment';
import { personKeys } from './blind-index';
import { boxLedger } from './box-ledger';
import type { AplisDatabase } from './schema';
import { auditLog } from './audit-log';
import { participantOrderStore } from './participant-order';
import { attendanceRepository as registerRepository } from './registers';
import { sealedRepository } from './sealed-table';
import { tombstonesFor, type DeletedAt } from './tombstones';

export const organisationRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.organisation,
    name: 'organisation',
    schema: () => import('../domain/organisation').then((m) => m.organisationSchema),
    vault,
  });

export const staffRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.staff,
    name: 'staff',
    schema: () => import('../domain/staff').then((m) => m.staffSchema),
    vault,
  });

export const programmeRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.programmes,
    name: 'programmes',
    schema: () => import('../domain/programme').then((m) => m.customProgrammeSchema),
    vault,
  });

export const cohortRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.cohorts,
    name: 'cohorts',
    schema: () => import('../domain/cohort').then((m) => m.cohortSchema),
    vault,
    index: (cohort: Cohort) => ({ status: cohort.status, programmeId: cohort.programmeId }),
  });

export const participantRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.participants,
    name: 'participants',
    schema: () => import('../domain/participant').then((m) => m.participantSchema),
    vault,
  });

export const meetingRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.meetings,
    name: 'meetings',
    schema: () => import('../domain/meeting').then((m) => m.meetingSchema),
    vault,
    index: (m) => ({ cohortId: m.cohortId, date: m.date }),
  });

/** Marks live in one register per meeting (registers.ts); the reads are the same. */
export const attendanceRepository = (db: AplisDatabase, vault: Vault) =>
  registerRepository(db, vault, () => import('../domain/meeting').then((m) => m.attendanceSchema));

export const noteRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.notes,
    name: 'notes',
    schema: () => import('../domain/meeting').then((m) => m.meetingNoteSchema),
    vault,
    index: (n) => ({ meetingId: n.meetingId }),
  });

/** The organisation's own closures; public holidays are computed, never stored. */
export const closureRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.closures,
    name: 'closures',
    schema: () => import('../domain/closures').then((m) => m.closureSchema),
    vault,
  });

/**
 * Who did what, when: ids and action names only (see domain/audit.ts), each
 * line linked into its device's chain (audit-log.ts).
 */
export const auditRepository = (db: AplisDatabase, vault: Vault) => auditLog(db, vault);

/** Coordinators' data: who referred a young person and why. */
export const referralRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.referrals,
    name: 'referrals',
    schema: () => import('../domain/referral').then((m) => m.referralSchema),
    vault,
    index: (r) => ({ participantId: r.participantId }),
  });

/** Coordinators' data: safety screenings and their answers. */
export const screeningRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.screenings,
    name: 'screenings',
    schema: () => import('../domain/screening').then((m) => m.screeningSchema),
    vault,
    index: (s) => ({ participantId: s.participantId }),
  });

/** The organisation's adapted copies of the screening template. */
export const screeningTemplateRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.screeningTemplates,
    name: 'screeningTemplates',
    schema: () => import('../domain/screening-template').then((m) => m.screeningTemplateSchema),
    vault,
  });

export const enrolmentRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.enrolments,
    name: 'enrolments',
    schema: () => import('../domain/enrolment').then((m) => m.enrolmentSchema),
    vault,
    index: (e: Enrolment) => ({
      participantId: e.participantId,
      cohortId: e.cohortId,
      status: e.status,
    }),
  });

/** Half-finished forms, sealed like everything else. */
export const draftRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.drafts,
    name: 'drafts',
    schema: () => import('../domain/draft').then((m) => m.draftSchema),
    vault,
  });

/** Young people's healthy-relationship plans, one per participant (found by participantId). */
export const planRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.plans,
    name: 'plans',
    schema: () => import('../domain/plan').then((m) => m.planSchema),
    vault,
    index: (plan) => ({ participantId: plan.participantId }),
  });

/** Safeguarding concerns raised in meetings: coordinators' data. */
export const concernRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.concerns,
    name: 'concerns',
    schema: () => import('../domain/concern').then((m) => m.concernSchema),
    vault,
    ledger: boxLedger(db),
    index: (c) => ({ meetingId: c.meetingId, participantId: c.participantId ?? '' }),
  });

/** The coordinators' follow-up list (concerns and absence rules). */
export const followUpRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.followUps,
    name: 'followUps',
    schema: () => import('../domain/follow-up').then((m) => m.followUpSchema),
    vault,
    ledger: boxLedger(db),
    index: (f) => ({ status: f.status, participantId: f.participantId ?? '' }),
  });

/** Anonymous youth feedback: the meeting and the answers, never a participant (domain/reports/feedback.ts). */
export const feedbackRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.feedback,
    name: 'feedback',
    schema: () => import('../domain/reports/feedback').then((m) => m.feedbackSchema),
    vault,
    index: (f) => ({ meetingId: f.meetingId }),
  });

/** Coordinators' data: the individual-support pathway agreed after a screening. */
export const supportPathwayRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.supportPathways,
    name: 'supportPathways',
    schema: () => import('../domain/support-pathway').then((m) => m.supportPathwaySchema),
    vault,
    index: (p) => ({ participantId: p.participantId }),
  });

/**
 * A finished record written to `drafts` before v7 was sealed there as a draft,
 * `{ id, value, savedAt }`, and moved unchanged (migrations.ts): its value is
 * the record.
 */
function fromDraft(plain: unknown): unknown {
  if (typeof plain !== 'object' || plain === null || !('value' in plain) || !('id' in plain))
    return plain;
  return { ...(plain.value as object), id: plain.id };
}

/** A group's CRBA assessment, one per cohort under `crbaRecordId` (team data). */
export const crbaRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.crbaAssessments,
    name: 'crbaAssessments',
    schema: () => import('../domain/reports/crba').then((m) => m.crbaRecordSchema),
    vault,
    index: (a) => ({ cohortId: a.cohortId }),
    moved: fromDraft,
  });

/** Before/after measure answers under `measureRecordId`: coordinators' data. */
export const measureRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.measureResponses,
    name: 'measureResponses',
    schema: () => import('../domain/reports/measure').then((m) => m.measureRecordSchema),
    vault,
    index: (m) => ({ cohortId: m.cohortId, participantId: m.participantId }),
    moved: fromDraft,
  });

export function createRepositories(db: AplisDatabase, vault: Vault) {
  return {
    /** Keyed tombstones for stores that delete across tables (tombstones.ts). */
    tombstones: (table: string, rowIds: readonly string[], deletedAt?: DeletedAt) =>
      tombstonesFor(vault, table, rowIds, deletedAt),
    /** Keyed draft ids (crypto/record-ids.ts), for stores that find drafts about a person. */
    draftIds: {
      screening: (participantId: string) => screeningDraftId(vault, participantId),
      concern: (staffId: string, meetingId: string) => concernDraftId(vault, staffId, meetingId),
    },
    /**
     * The values a person's rows carry in their `participantId` column: the
     * blind one, and the clear id on rows not yet blinded (blind-index.ts).
     */
    personKeys: (participantId: string) => personKeys(vault, participantId),
    organisation: organisationRepository(db, vault),
    plans: planRepository(db, vault),
    staff: staffRepository(db, vault),
    programmes: programmeRepository(db, vault),
    cohorts: cohortRepository(db, vault),
    participants: participantRepository(db, vault),
    /** The Participants list's first ids, sealed, for a head start (participant-order.ts). */
    participantOrder: participantOrderStore(db, vault),
    meetings: meetingRepository(db, vault),
    attendance: attendanceRepository(db, vault),
    notes: noteRepository(db, vault),
    closures: closureRepository(db, vault),
    audit: auditRepository(db, vault),
    referrals: referralRepository(db, vault),
    screenings: screeningRepository(db, vault),
    screeningTemplates: screeningTemplateRepository(db, vault),
    enrolments: enrolmentRepository(db, vault),
    drafts: draftRepository(db, vault),
    concerns: concernRepository(db, vault),
    followUps: followUpRepository(db, vault),
    feedback: feedbackRepository(db, vault),
    supportPathways: supportPathwayRepository(db, vault),
    crbaAssessments: crbaRepository(db, vault),
    measureResponses: measureRepository(db, vault),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
