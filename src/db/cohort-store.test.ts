// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Cohort } from '../domain/cohort';
import type { Meeting } from '../domain/meeting';
import { makeTestVault, setUpOrganisation } from '../testing/vault-fixture';
import { cohortStore } from './cohort-store';

function aCohort(): Cohort {
  return {
    id: crypto.randomUUID(),
    name: 'Lotus — Cēsis',
    programmeId: 'lotus',
    facilitatorIds: [],
    place: 'Cēsis',
    room: '1',
    weekday: 2,
    startTime: '16:00',
    durationMinutes: 90,
    firstDate: '2026-11-10',
    composition: 'girls',
    ageBand: { min: 14, max: 17 },
    capacity: 8,
    language: 'lv',
    status: 'planning',
    participantIds: [],
  };
}

function meetingsOf(cohort: Cohort, dates: string[]): Meeting[] {
  return dates.map((date, i) => ({
    id: crypto.randomUUID(),
    cohortId: cohort.id,
    number: i + 1,
    planId: `lotus-w0${i + 1}`,
    date,
    startTime: cohort.startTime,
    durationMinutes: cohort.durationMinutes,
    status: 'planned',
  }));
}

describe('saving a cohort with its meetings', () => {
  it('writes both together and replaces meetings no longer in the schedule', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const store = cohortStore(t.db, t.repos);
    const cohort = aCohort();
    const first = meetingsOf(cohort, ['2026-11-10', '2026-11-17', '2026-11-24']);
    await store.saveWithMeetings(cohort, first);
    expect((await t.repos.meetings.listWhere('cohortId', cohort.id)).items).toHaveLength(3);

    const second = [first[0]!, { ...first[1]!, date: '2026-11-19' }];
    await store.saveWithMeetings({ ...cohort, name: 'Lotus — Cēsis, rudens' }, second);
    const saved = (await t.repos.meetings.listWhere('cohortId', cohort.id)).items.sort(
      (a, b) => a.number - b.number,
    );
    expect(saved.map((m) => m.date)).toEqual(['2026-11-10', '2026-11-19']);
    expect((await t.repos.cohorts.get(cohort.id))?.name).toBe('Lotus — Cēsis, rudens');
  });

  it('saves nothing when one meeting is invalid', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const store = cohortStore(t.db, t.repos);
    const cohort = aCohort();
    const meetings = meetingsOf(cohort, ['2026-11-10', 'not a date']);
    await expect(store.saveWithMeetings(cohort, meetings)).rejects.toThrow();
    expect(await t.db.cohorts.count()).toBe(0);
    expect(await t.db.meetings.count()).toBe(0);
  });
});
