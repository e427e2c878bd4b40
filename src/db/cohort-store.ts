/**
 * Writes that span tables for cohorts: a cohort and its meetings are saved
 * together or not at all. Every row is sealed before the transaction opens.
 */
import type { Cohort } from '../domain/cohort';
import type { Meeting } from '../domain/meeting';
import type { Repositories } from './repositories';
import type { AplisDatabase } from './schema';
import { tombstonesFor } from './tombstones';

export function cohortStore(db: AplisDatabase, repos: Repositories) {
  return {
    /** Saves the cohort and replaces its not-yet-held meetings with `meetings`. */
    async saveWithMeetings(cohort: Cohort, meetings: readonly Meeting[]): Promise<void> {
      if (meetings.some((m) => m.cohortId !== cohort.id))
        throw new Error('meeting of another cohort');
      const cohortRow = await repos.cohorts.toRow(cohort);
      const meetingRows = await Promise.all(meetings.map((m) => repos.meetings.toRow(m)));
      const keep = new Set(meetings.map((m) => m.id));
      await db.transaction('rw', [db.cohorts, db.meetings, db.tombstones], async () => {
        const existing = await db.meetings.where('cohortId').equals(cohort.id).primaryKeys();
        const dropped = existing.filter((id) => !keep.has(id));
        await db.meetings.bulkDelete(dropped);
        await db.tombstones.bulkPut(tombstonesFor('meetings', dropped));
        await db.cohorts.put(cohortRow);
        await db.meetings.bulkPut(meetingRows);
      });
    },
  };
}

export type CohortStore = ReturnType<typeof cohortStore>;
