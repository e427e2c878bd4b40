// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../services/services';
import { addDays, todayInRiga } from '../../domain/calendar-date';
import { followUpSchema } from '../../domain/follow-up';
import type { Meeting } from '../../domain/meeting';
import { makeTestVault, setUpOrganisation } from '../../testing/vault-fixture';
import { stableUuid } from '../../domain/stable-id';
import { heldMeetings } from '../../db/backup/test-data';
import { meetingStore } from '../../db/meeting-store';
import { absenceFollowUpsForCohort } from './absence';

describe('absence follow-ups from stored attendance', () => {
  it('turns an excused absence of someone at risk of going missing into a valid follow-up, the same rule each time', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const cohortId = crypto.randomUUID();
    const participantId = crypto.randomUUID();
    const today = todayInRiga();
    const meetings = heldMeetings(cohortId, today, [14, 7, 0]);
    await t.repos.meetings.bulkPut(meetings);
    await t.repos.attendance.bulkPut([
      { id: crypto.randomUUID(), meetingId: meetings[1]!.id, participantId, status: 'present' },
      {
        id: crypto.randomUUID(),
        meetingId: meetings[2]!.id,
        participantId,
        status: 'excused',
        reason: 'Said she was ill',
      },
    ]);
    const services = { repos: t.repos } as unknown as AppServices;
    const options = { missingRiskIds: new Set([participantId]), threshold: undefined };

    const first = await absenceFollowUpsForCohort(services, cohortId, options);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      kind: 'missing-risk-absence',
      participantId,
      meetingId: meetings[2]!.id,
      status: 'open',
    });
    expect(followUpSchema.safeParse(first[0]).success).toBe(true);
    const again = await absenceFollowUpsForCohort(services, cohortId, options);
    expect(again.map((f) => f.ruleKey)).toEqual(first.map((f) => f.ruleKey));
  });

  it('stores it under an id nobody can recompute from the participant, and only once', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const cohortId = crypto.randomUUID();
    const participantId = crypto.randomUUID();
    const today = todayInRiga();
    const meeting: Meeting = {
      id: crypto.randomUUID(),
      cohortId,
      number: 1,
      planId: 'lotus-w01',
      date: today,
      startTime: '16:00',
      durationMinutes: 90,
      status: 'held',
    };
    await t.repos.meetings.put(meeting);
    await t.repos.attendance.put({
      id: crypto.randomUUID(),
      meetingId: meeting.id,
      participantId,
      status: 'excused',
      reason: 'Said she was ill',
    });
    const services = { repos: t.repos } as unknown as AppServices;
    const options = { missingRiskIds: new Set([participantId]), threshold: undefined };
    const store = meetingStore(t.db, t.repos);

    expect(
      await store.addFollowUps(await absenceFollowUpsForCohort(services, cohortId, options)),
    ).toBe(1);
    expect(
      await store.addFollowUps(await absenceFollowUpsForCohort(services, cohortId, options)),
    ).toBe(0);

    const ids = await t.db.followUps.toCollection().primaryKeys();
    expect(ids).toHaveLength(1);
    for (const kind of ['missing-risk-absence', 'absence-run'])
      expect(ids).not.toContain(stableUuid(`follow-up:${kind}:${participantId}:${meeting.id}`));
    expect(ids[0]).not.toContain(participantId);
  });
});

describe('a run of absences longer than the rules look back', () => {
  it('is followed up every `threshold` meetings as it goes on, not again at older meetings as the window moves', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const cohortId = crypto.randomUUID();
    const participantId = crypto.randomUUID();
    const cameOnce = crypto.randomUUID();
    const start = todayInRiga();
    // Weekly meetings for 20 weeks; one person is absent without a reason at
    // every one, another at every one but the 6th (index 5), where she came.
    const meetings = heldMeetings(
      cohortId,
      addDays(start, 19 * 7),
      Array.from({ length: 20 }, (_, i) => (19 - i) * 7),
    );
    await t.repos.meetings.bulkPut(meetings);
    await t.repos.attendance.bulkPut(
      meetings.flatMap((m, i) => [
        { id: crypto.randomUUID(), meetingId: m.id, participantId, status: 'absent' as const },
        {
          id: crypto.randomUUID(),
          meetingId: m.id,
          participantId: cameOnce,
          status: i === 5 ? ('present' as const) : ('absent' as const),
        },
      ]),
    );
    const services = { repos: t.repos } as unknown as AppServices;
    const seen = new Map<string, string>();
    // Run every week, on the meeting's day, as Today does; keep what each week adds.
    for (let week = 0; week < 20; week++) {
      const flagged = await absenceFollowUpsForCohort(services, cohortId, {
        missingRiskIds: new Set(),
        threshold: 2,
        today: addDays(start, week * 7),
      });
      for (const f of flagged)
        if (f.ruleKey && !seen.has(f.ruleKey))
          seen.set(
            f.ruleKey,
            `${f.participantId === cameOnce ? 'came once' : 'never came'} ${meetings.findIndex((m) => m.id === f.meetingId)}`,
          );
    }
    // The 2nd, 4th, … absence in a row: one follow-up every two meetings.
    const at = (who: string) =>
      [...seen.values()].filter((v) => v.startsWith(who)).map((v) => Number(v.split(' ').at(-1)));
    expect(at('never came').sort((a, b) => a - b)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(at('came once').sort((a, b) => a - b)).toEqual([1, 3, 7, 9, 11, 13, 15, 17, 19]);
  });
});
