// @vitest-environment node
/**
 * Two coordinators' devices run the absence rules on the same marks before
 * either's follow-up has reached the other (both offline, or both opening
 * Today at once). Each adds a follow-up under a random id, and sync keeps
 * both: the list, the counts, the group report and the journey must still
 * show the absence once, and nothing either coordinator wrote may go.
 */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../services/services';
import { todayInRiga } from '../../domain/calendar-date';
import { heldMeetings } from '../../db/backup/test-data';
import { meetingStore } from '../../db/meeting-store';
import { metaStore } from '../../db/meta-store';
import { aCohort, aParticipant } from '../../testing/factories';
import { twoDevices } from '../../testing/sync-devices';
import type { TestVault } from '../../testing/vault-fixture';
import { runAbsenceRules } from './absence';
import { followUpQueries } from './queries';

function servicesOf(t: TestVault): AppServices {
  return {
    repos: t.repos,
    vault: t.vault,
    meta: metaStore(t.db),
    stores: { meeting: meetingStore(t.db, t.repos, t.vault) },
  } as unknown as AppServices;
}

/** What the follow-up list and Today's counts show on a device. */
async function listed(t: TestVault) {
  const { items } = await new QueryClient().fetchQuery(followUpQueries.items(servicesOf(t)));
  return items;
}

describe('absence follow-ups raised on two coordinators’ devices at once', () => {
  it('show once on both devices after sync, the one furthest along, and keep both stored', async () => {
    const { laptop, tablet } = await twoDevices();
    const person = aParticipant();
    const cohort = aCohort('Birch group', { participantIds: [person.id] });
    const meetings = heldMeetings(cohort.id, todayInRiga(), [7, 0]);
    await laptop.t.repos.participants.put(person);
    await laptop.t.repos.cohorts.put(cohort);
    await laptop.t.repos.meetings.bulkPut(meetings);
    await laptop.t.repos.attendance.bulkPut(
      meetings.map((m) => ({
        id: crypto.randomUUID(),
        meetingId: m.id,
        participantId: person.id,
        status: 'absent' as const,
      })),
    );
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();

    // Both run the rules before syncing again: two absences in a row, one follow-up each.
    const rules = { missingRiskIds: new Set<string>(), threshold: undefined };
    expect(await runAbsenceRules(servicesOf(laptop.t), rules)).toMatchObject({ added: 1 });
    expect(await runAbsenceRules(servicesOf(tablet.t), rules)).toMatchObject({ added: 1 });
    await laptop.engine.syncNow();
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();

    // Both are stored on both devices; each device lists one, the same one.
    expect((await laptop.t.repos.followUps.list()).items).toHaveLength(2);
    expect((await tablet.t.repos.followUps.list()).items).toHaveLength(2);
    const onLaptop = await listed(laptop.t);
    const onTablet = await listed(tablet.t);
    expect(onLaptop).toHaveLength(1);
    expect(onTablet.map((f) => f.id)).toEqual(onLaptop.map((f) => f.id));

    // The tablet's coordinator works on the other one: that is the one both show now.
    const other = (await tablet.t.repos.followUps.list()).items.find(
      (f) => f.id !== onTablet[0]!.id,
    )!;
    await servicesOf(tablet.t).stores.meeting.updateFollowUp({
      ...other,
      status: 'in-progress',
      updatedAt: new Date(Date.now() + 1000).toISOString(),
    });
    await tablet.engine.syncNow();
    await laptop.engine.syncNow();
    for (const t of [laptop.t, tablet.t])
      expect((await listed(t)).map((f) => [f.id, f.status])).toEqual([[other.id, 'in-progress']]);
    // The rules running again add nothing.
    expect(await runAbsenceRules(servicesOf(laptop.t), rules)).toMatchObject({ added: 0 });
  });
});
