/**
 * Writes that span tables for referral → screening → enrolment. Each call is
 * one Dexie transaction: everything is saved together or not at all. Rows are
 * sealed before the transaction opens (never await WebCrypto inside one).
 *
 * Enrolment rows keep the history and the waitlist; `cohort.participantIds`
 * stays the current roster the rest of the app reads, updated in the same
 * transaction.
 */
import type { AuditEntry } from '../domain/audit';
import type { Cohort } from '../domain/cohort';
import type { Enrolment } from '../domain/enrolment';
import type { Participant } from '../domain/participant';
import type { Referral } from '../domain/referral';
import type { FollowUp } from '../domain/follow-up';
import type { Screening } from '../domain/screening';
import type { SupportPathway } from '../domain/support-pathway';
import type { Repositories } from './repositories';
import type { AplisDatabase } from './schema';

export function enrolmentStore(db: AplisDatabase, repos: Repositories) {
  return {
    /** A new participant and their referral, with the audit entry. */
    async createReferral(
      participant: Participant,
      referral: Referral,
      audit: readonly AuditEntry[],
    ): Promise<void> {
      if (referral.participantId !== participant.id) throw new Error('referral of someone else');
      const participantRow = await repos.participants.toRow(participant);
      const referralRow = await repos.referrals.toRow(referral);
      // The audit lines join this device's chain in the same transaction (audit-log.ts).
      await repos.audit.append(audit, [db.participants, db.referrals], async () => {
        if (await db.participants.get(participant.id)) throw new Error('participant exists');
        await db.participants.add(participantRow);
        await db.referrals.add(referralRow);
      });
    },

    /**
     * A completed screening replaces its draft; its follow-ups (every next
     * step, tracked), an individual-support pathway if one was agreed, and the
     * audit entries go with it.
     */
    async completeScreening(
      screening: Screening,
      draftId: string,
      audit: readonly AuditEntry[],
      extra: { followUps?: readonly FollowUp[]; pathway?: SupportPathway } = {},
    ): Promise<void> {
      const row = await repos.screenings.toRow(screening);
      const followUpRows = await Promise.all(
        (extra.followUps ?? []).map((f) => repos.followUps.toRow(f)),
      );
      const pathwayRow = extra.pathway
        ? await repos.supportPathways.toRow(extra.pathway)
        : undefined;
      const draftTombstones = await repos.tombstones('drafts', [draftId]);
      await repos.audit.append(
        audit,
        [db.screenings, db.drafts, db.tombstones, db.followUps, db.supportPathways],
        async () => {
          await db.screenings.add(row);
          if (followUpRows.length > 0) await db.followUps.bulkAdd(followUpRows);
          if (pathwayRow) await db.supportPathways.add(pathwayRow);
          // With its tombstone, so merging an older backup does not bring the draft back.
          await db.drafts.delete(draftId);
          await db.tombstones.bulkPut(draftTombstones);
        },
      );
    },

    /** Enrolment rows and the cohorts whose rosters they change, together. */
    async applyEnrolmentChange(change: {
      enrolments: readonly Enrolment[];
      cohorts: readonly Cohort[];
      audit: readonly AuditEntry[];
    }): Promise<void> {
      const enrolmentRows = await Promise.all(
        change.enrolments.map((e) => repos.enrolments.toRow(e)),
      );
      const cohortRows = await Promise.all(change.cohorts.map((c) => repos.cohorts.toRow(c)));
      await repos.audit.append(change.audit, [db.enrolments, db.cohorts], async () => {
        for (const row of cohortRows)
          if (!(await db.cohorts.get(row.id))) throw new Error('cohort is gone');
        await db.enrolments.bulkPut(enrolmentRows);
        await db.cohorts.bulkPut(cohortRows);
      });
    },
  };
}

export type EnrolmentStore = ReturnType<typeof enrolmentStore>;
