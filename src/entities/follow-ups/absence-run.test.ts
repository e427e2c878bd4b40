// @vitest-environment node
/**
 * Today runs the absence rules only when something they read has changed
 * (db/absence-inputs.ts). A safeguarding signal: these tests fail if the
 * rules are skipped after any change they must see, and if they are not
 * skipped when nothing changed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../services/services';
import { addDays, isoWeekday, todayInRiga } from '../../domain/calendar-date';
import type { Cohort } from '../../domain/cohort';
import type { Attendance, Meeting } from '../../domain/meeting';
import { makeTestVault, setUpOrganisation, type TestVault } from '../../testing/vault-fixture';
import { heldMeetings } from '../../db/backup/test-data';
import { meetingStore } from '../../db/meeting-store';
import { metaStore } from '../../db/meta-store';
import { applyIncoming } from '../../db/sync/apply';
import { ABSENCE_INPUTS_KEY } from '../../db/absence-inputs';
import { runAbsenceRules } from './absence';

const today = todayInRiga();

async function setUp() {
  const t = makeTestVault();
  const { staffId } = await setUpOrganisation(t);
  const atRisk = crypto.randomUUID();
  const other = crypto.randomUUID();
  const cohort: Cohort = {
    id: crypto.randomUUID(),
    name: 'Group A',
    programmeId: 'lotus',
    facilitatorIds: [staffId],
    place: 'Centre',
    room: '1',
    weekday: isoWeekday(today),
    startTime: '16:00',
    durationMinutes: 90,
    firstDate: addDays(today, -28),
    composition: 'girls',
    ageBand: { min: 14, max: 18 },
    capacity: 16,
    language: 'en',
    status: 'running',
    participantIds: [atRisk, other],
  };
  await t.repos.cohorts.put(cohort);
  const meetings = heldMeetings(cohort.id, today, [28, 21, 14, 7, 0]);
  await t.repos.meetings.bulkPut(meetings);
  // Present everywhere but one excused absence of the person at risk of going missing.
  await t.repos.attendance.bulkPut(
    meetings.flatMap((m, i) => [
      { id: crypto.randomUUID(), meetingId: m.id, participantId: other, status: 'present' },
      i === 1
        ? {
            id: crypto.randomUUID(),
            meetingId: m.id,
            participantId: atRisk,
            status: 'excused',
            reason: 'Said she was ill',
          }
        : { id: crypto.randomUUID(), meetingId: m.id, participantId: atRisk, status: 'present' },
    ]),
  );
  const services = {
    repos: t.repos,
    vault: t.vault,
    meta: metaStore(t.db),
    stores: { meeting: meetingStore(t.db, t.repos, t.vault) },
  } as unknown as AppServices;
  // Counts the registers the rules open (the check itself opens none).
  const opened = vi.spyOn(t.repos.attendance, 'listWhere');
  let missingRiskIds: ReadonlySet<string> = new Set([atRisk]);
  const run = (options: { today?: string; threshold?: number } = {}) =>
    runAbsenceRules(services, {
      missingRiskIds,
      threshold: options.threshold,
      today: options.today ?? today,
    });
  const setMissingRisk = (ids: string[]) => (missingRiskIds = new Set(ids));
  const followUps = async () => (await t.repos.followUps.list()).items;
  // The first run on a device always runs.
  expect(await run()).toEqual({ added: 1, ran: true });
  opened.mockClear();
  return { t, cohort, meetings, atRisk, other, run, opened, setMissingRisk, followUps };
}

const excused = (meetingId: string, participantId: string): Attendance => ({
  id: crypto.randomUUID(),
  meetingId,
  participantId,
  status: 'excused',
  reason: 'Had to work',
});

/** A mark sealed as another device seals it, written as the sync apply writes it. */
async function arriveBySync(t: TestVault, mark: Attendance) {
  const row = await t.repos.attendance.toRow(mark);
  await applyIncoming(t.db, t.vault, { attendance: [row] } as unknown as Parameters<
    typeof applyIncoming
  >[2]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the absence rules run only when what they read has changed', () => {
  it('are skipped, opening no register, when nothing changed — also right after adding follow-ups', async () => {
    const { run, opened, followUps } = await setUp();
    expect(await run()).toEqual({ added: 0, ran: false });
    expect(await run()).toEqual({ added: 0, ran: false });
    expect(opened).not.toHaveBeenCalled();
    expect(await followUps()).toHaveLength(1);
  });

  it('run after a mark made on this device, and raise its follow-up', async () => {
    const { t, meetings, atRisk, run, followUps } = await setUp();
    await t.repos.attendance.put(excused(meetings[3]!.id, atRisk));
    expect(await run()).toEqual({ added: 1, ran: true });
    expect((await followUps()).map((f) => f.meetingId)).toContain(meetings[3]!.id);
    expect(await run()).toEqual({ added: 0, ran: false });
  });

  it('run after a mark edited on this device (present → absent)', async () => {
    const { t, meetings, atRisk, run, followUps } = await setUp();
    const [mark] = (await t.repos.attendance.listWhere('meetingId', meetings[4]!.id)).items.filter(
      (m) => m.participantId === atRisk,
    );
    await t.repos.attendance.put({ ...mark!, status: 'absent' });
    expect((await run()).ran).toBe(true);
    expect((await followUps()).map((f) => f.meetingId)).toContain(meetings[4]!.id);
  });

  it('run after a mark arrives by sync, even one older than the newest mark of its register', async () => {
    const { t, meetings, other, run } = await setUp();
    // Changed offline on another device yesterday: older than every stored mark.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 86_400_000);
    const [mark] = (await t.repos.attendance.listWhere('meetingId', meetings[2]!.id)).items.filter(
      (m) => m.participantId === other,
    );
    const row = await t.repos.attendance.toRow({ ...mark!, status: 'absent' });
    vi.useRealTimers();
    const before = (await t.db.registers.get(meetings[2]!.id))!;
    await applyIncoming(t.db, t.vault, { attendance: [row] } as unknown as Parameters<
      typeof applyIncoming
    >[2]);
    const after = (await t.db.registers.get(meetings[2]!.id))!;
    // Applied, yet the register's own clear fields did not change: only the mark's seal did.
    expect(after.marks.find((m) => m.id === row.id)?.sealed).toEqual(row.sealed);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect(after.participantIds).toEqual(before.participantIds);
    expect((await run()).ran).toBe(true);
  });

  it('run after a new mark arrives by sync', async () => {
    const { t, meetings, run } = await setUp();
    await arriveBySync(t, excused(meetings[0]!.id, crypto.randomUUID()));
    expect((await run()).ran).toBe(true);
  });

  it('run after a mark is written straight into the registers (as the sync apply and merges write)', async () => {
    const { t, meetings, atRisk, run } = await setUp();
    const register = (await t.db.registers.get(meetings[4]!.id))!;
    const row = await t.repos.attendance.toRow(excused(meetings[4]!.id, atRisk));
    await t.db.registers.put({
      ...register,
      marks: register.marks.map((m) => (m.id === row.id ? row : m)),
    });
    expect((await run()).ran).toBe(true);
  });

  it('run after a mark is deleted', async () => {
    const { t, meetings, other, run } = await setUp();
    const [mark] = (await t.repos.attendance.listWhere('meetingId', meetings[1]!.id)).items.filter(
      (m) => m.participantId === other,
    );
    await t.repos.attendance.deleteMark(mark!);
    expect((await run()).ran).toBe(true);
  });

  it('run on a new day, and when the threshold changes', async () => {
    const { run } = await setUp();
    expect((await run({ today: addDays(today, 1) })).ran).toBe(true);
    expect((await run({ today: addDays(today, 1) })).ran).toBe(false);
    expect((await run({ today: addDays(today, 1), threshold: 3 })).ran).toBe(true);
  });

  it('run when a participant is flagged at risk of going missing', async () => {
    const { t, meetings, other, run, setMissingRisk, followUps } = await setUp();
    await t.repos.attendance.put(excused(meetings[4]!.id, other));
    expect((await run()).ran).toBe(true);
    const before = (await followUps()).length;
    setMissingRisk([other]);
    // `other` now at risk: the excused absence is a follow-up; the first person is no longer.
    expect(await run()).toMatchObject({ ran: true, added: 1 });
    expect((await followUps()).length).toBe(before + 1);
  });

  it('run after a meeting is closed, cancelled or moved into the window', async () => {
    const { t, cohort, meetings, run } = await setUp();
    await t.repos.meetings.put({ ...meetings[4]!, status: 'cancelled' });
    expect((await run()).ran).toBe(true);
    expect((await run()).ran).toBe(false);
    const later: Meeting = {
      ...meetings[0]!,
      id: crypto.randomUUID(),
      number: 6,
      date: addDays(today, 7),
      status: 'planned',
    };
    await t.repos.meetings.put(later);
    expect((await run()).ran).toBe(true);
    await t.repos.meetings.put({ ...later, date: today });
    expect((await run()).ran).toBe(true);
    await t.repos.cohorts.put({ ...cohort, status: 'finished' });
    expect((await run()).ran).toBe(true);
  });

  it('see a changed mark also when most registers are older than the window (read one by one then)', async () => {
    const { t, cohort, meetings, atRisk, run } = await setUp();
    const old: Meeting[] = Array.from({ length: 12 }, (_, i) => ({
      ...meetings[0]!,
      id: crypto.randomUUID(),
      number: 20 + i,
      date: addDays(today, -200 - 7 * i),
    }));
    await t.repos.meetings.bulkPut(old);
    await t.repos.attendance.bulkPut(old.map((m) => excused(m.id, atRisk)));
    expect((await run()).ran).toBe(true);
    expect((await run()).ran).toBe(false);
    expect(await t.db.registers.count()).toBeGreaterThan(2 * meetings.length);
    await t.repos.attendance.put(excused(meetings[3]!.id, atRisk));
    expect(await run()).toEqual({ added: 1, ran: true });
    expect(cohort.status).toBe('running');
  });

  it('run again, and raise it again, when a follow-up they raised is gone (an older backup restored)', async () => {
    const { t, run, followUps } = await setUp();
    await t.db.followUps.clear();
    expect(await run()).toEqual({ added: 1, ran: true });
    expect(await followUps()).toHaveLength(1);
  });

  it('keep in meta a keyed digest that names nobody', async () => {
    const { t, atRisk, cohort } = await setUp();
    const stored = String(await metaStore(t.db).get(ABSENCE_INPUTS_KEY));
    expect(stored).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(stored).not.toContain(atRisk);
    expect(stored).not.toContain(cohort.id);
  });
});
