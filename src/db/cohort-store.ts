/**
 * Writes that span tables for cohorts: a cohort and its meetings are saved
 * together or not at all. Every row is sealed before the transaction opens.
 */
import type { Cohort } from '../domain/cohort';
import type { Meeting } from '../domain/meeting';
import type { Repositories } from './repositories';
import type { AplisDatabase } from './schema';

export function cohortStore(db: AplisDatabase, repos: Repositories) {
  return {
    /** Saves the cohort and replaces its not-yet-held meetings with `meetings`. */
    async saveWithMeetings(cohort: Cohort, meetings: readonly Meeting[]): Promise<void> {
      if (meetings.some((m) => m.cohortId !== cohort.id))
        throw new Error('meeting of another cohort');
      const cohortRow = await repos.cohorts.toRow(cohort);
      const meetingRows = await Promise.all(meetings.map((m) => repos.meetings.toRow(m)));
      const keep = new Set(meetings.map((m) => m.id));
      const dropIds = async () =>
        (await db.meetings.where('cohortId').equals(cohort.id).primaryKeys()).filter(
          (id) => !keep.has(id),
        );
      // Keyed tombstones are computed before the transaction (HMAC); a meeting
      // added in between is left for the next save rather than deleted without one.
      const tombstoned = await dropIds();
      const tombstones = await repos.tombstones('meetings', tombstoned);
      await db.transaction('rw', [db.cohorts, db.meetings, db.tombstones], async () => {
        const dropped = (await dropIds()).filter((id) => tombstoned.includes(id));
        await db.meetings.bulkDelete(dropped);
        await db.tombstones.bulkPut(tombstones.filter((_, i) => dropped.includes(tombstoned[i]!)));
        await db.cohorts.put(cohortRow);
        await db.meetings.bulkPut(meetingRows);
      });
    },
  };
}

export type CohortStore = ReturnType<typeof cohortStore>;
