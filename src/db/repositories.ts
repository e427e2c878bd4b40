/**
 * The repositories, one per sealed table. Components never call these
 * directly: they go through the react-query hooks in each feature.
 */
import type { Vault } from '../crypto/vault';
import { auditEntrySchema } from '../domain/audit';
import { closureSchema } from '../domain/closures';
import { cohortSchema, type Cohort } from '../domain/cohort';
import { attendanceSchema, meetingNoteSchema, meetingSchema } from '../domain/meeting';
import { organisationSchema } from '../domain/organisation';
import { participantSchema } from '../domain/participant';
import { draftSchema } from '../domain/draft';
import { customProgrammeSchema } from '../domain/programme';
import { staffSchema } from '../domain/staff';
import type { AplisDatabase } from './schema';
import { sealedRepository } from './sealed-table';

export const organisationRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.organisation,
    name: 'organisation',
    schema: organisationSchema,
    vault,
  });

export const staffRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({ table: db.staff, name: 'staff', schema: staffSchema, vault });

export const programmeRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.programmes,
    name: 'programmes',
    schema: customProgrammeSchema,
    vault,
  });

export const cohortRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.cohorts,
    name: 'cohorts',
    schema: cohortSchema,
    vault,
    index: (cohort: Cohort) => ({ status: cohort.status, programmeId: cohort.programmeId }),
  });

export const participantRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.participants,
    name: 'participants',
    schema: participantSchema,
    vault,
  });

export const meetingRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.meetings,
    name: 'meetings',
    schema: meetingSchema,
    vault,
    index: (m) => ({ cohortId: m.cohortId, date: m.date }),
  });

export const attendanceRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.attendance,
    name: 'attendance',
    schema: attendanceSchema,
    vault,
    index: (a) => ({ meetingId: a.meetingId, participantId: a.participantId }),
  });

export const noteRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.notes,
    name: 'notes',
    schema: meetingNoteSchema,
    vault,
    index: (n) => ({ meetingId: n.meetingId }),
  });

/** The organisation's own closures; public holidays are computed, never stored. */
export const closureRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({ table: db.closures, name: 'closures', schema: closureSchema, vault });

/** Who did what, when: ids and action names only (see domain/audit.ts). */
export const auditRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({
    table: db.audit,
    name: 'audit',
    schema: auditEntrySchema,
    vault,
    index: (entry) => ({ at: Date.parse(entry.at), action: entry.action }),
  });

/** Half-finished forms, sealed like everything else. */
export const draftRepository = (db: AplisDatabase, vault: Vault) =>
  sealedRepository({ table: db.drafts, name: 'drafts', schema: draftSchema, vault });

export function createRepositories(db: AplisDatabase, vault: Vault) {
  return {
    organisation: organisationRepository(db, vault),
    staff: staffRepository(db, vault),
    programmes: programmeRepository(db, vault),
    cohorts: cohortRepository(db, vault),
    participants: participantRepository(db, vault),
    meetings: meetingRepository(db, vault),
    attendance: attendanceRepository(db, vault),
    notes: noteRepository(db, vault),
    closures: closureRepository(db, vault),
    audit: auditRepository(db, vault),
    drafts: draftRepository(db, vault),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
